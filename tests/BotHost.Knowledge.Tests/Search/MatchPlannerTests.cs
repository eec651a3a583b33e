using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class MatchPlannerTests
{
    private static readonly IReadOnlyList<FtsPhrase> Phrases = FtsQuery.AnyOf([["report"], ["grooming"], ["intimate", "images"]]).Phrases;

    [Fact]
    public void Plan_WithinBudget_KeepsEveryMatchingPhraseInQueryOrder()
    {
        var expression = MatchPlanner.Plan(Phrases, [new(50, 50), new(3, 3), new(2, 40)], budget: 1000);

        Assert.Equal("\"report\" OR \"grooming\" OR \"intimate images\"", expression);
    }

    [Fact]
    public void Plan_PhraseMatchingNoRow_IsLeftOut()
    {
        var expression = MatchPlanner.Plan(Phrases, [new(50, 50), new(0, 0), new(2, 40)], budget: 1000);

        Assert.Equal("\"report\" OR \"intimate images\"", expression);
    }

    [Fact]
    public void Plan_NoPhraseMatches_ReturnsNull()
    {
        var expression = MatchPlanner.Plan(Phrases, [new(0, 0), new(0, 0), new(0, 40)], budget: 1000);

        Assert.Null(expression);
    }

    [Fact]
    public void Plan_OverBudget_KeepsTheRarestThatFitInQueryOrder()
    {
        var expression = MatchPlanner.Plan(Phrases, [new(900, 900), new(300, 300), new(200, 200)], budget: 600);

        Assert.Equal("\"grooming\" OR \"intimate images\"", expression);
    }

    [Fact]
    public void Plan_MultiWordPhraseOverManyWordRows_CountsTheReadsAgainstTheBudget()
    {
        var expression = MatchPlanner.Plan(Phrases, [new(100, 100), new(50, 50), new(2, 16_000)], budget: 600);

        Assert.Equal("\"report\" OR \"grooming\"", expression);
    }

    [Fact]
    public void Plan_RarestOverBudget_MatchesItInTheFocusColumnsOnly()
    {
        var expression = MatchPlanner.Plan(Phrases, [new(5000, 5000), new(3000, 3000), new(0, 0)], budget: 1000, focus: "{title tags}");

        Assert.Equal("{title tags} : \"grooming\"", expression);
    }

    [Fact]
    public void Plan_RarestOverBudgetWithoutFocus_MatchesItAlone()
    {
        var expression = MatchPlanner.Plan(Phrases, [new(5000, 5000), new(3000, 3000), new(0, 0)], budget: 1000);

        Assert.Equal("\"grooming\"", expression);
    }
}

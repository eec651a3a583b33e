using BotHost.Knowledge.Answers;
using BotHost.Testing.Semantics;

namespace BotHost.Knowledge.Tests.Semantics;

/// <summary>
/// Issue #13 item 5 on the shipped knowledge base with the encoder: a member who is being hurt is never answered with
/// the article for people worried about their own thoughts (prevention-help-seeking); a member asking about their own
/// urges still is, even when the safety checks read their message as urgent. Messages written for these tests.
/// </summary>
[Collection(SemanticsTests.Collection)]
public sealed class ShippedAudienceTests(SemanticsFixture fixture)
{
    private const string Prevention = "prevention-help-seeking";

    [Fact]
    public void Ask_MemberDescribingAnAssault_NeverQuotesThePreventionArticle()
    {
        const string message = "he forced me to do stuff and now i cant stop shaking";
        // Until writer3's article questions and the learned reranker (branch lucene7), ranking alone sent this message the
        // prevention article and the guard withheld it; now sexual-assault ranks first without the guard (with the
        // sexual-assault article left out, the rest decline), so the guard itself is tested in AudienceGuardTests.
        Assert.NotNull(fixture.Shipped.Safety.MatchUrgent(message));

        var answer = fixture.Shipped.Ask(message, AskContext.International);

        Assert.False(answer.IsDeclined);
        Assert.DoesNotContain(answer.Passages, p => p.ArticleId == Prevention);
    }

    /// <summary>
    /// A help-seeker's own urges read as urgent or in distress (the distress safety net) still get the article written for
    /// them: the audience guard compares them with members at risk (urgent and distress examples, articles for youth or
    /// adults), not with a parent's question about their children seeing porn.
    /// </summary>
    [Theory]
    [InlineData("i keep looking at cp and i cant stop myself")]
    [InlineData("i looked at cp again last night and i hate myself, i want to stop")]
    public void Ask_OwnUrgesReadAtRisk_StillQuotesThePreventionArticle(string message)
    {
        var safety = fixture.Shipped.Safety;
        Assert.True(safety.MatchUrgent(message) is not null || safety.MatchDistress(message) is not null);

        var answer = fixture.Shipped.Ask(message, AskContext.International);

        Assert.Contains(answer.Passages, p => p.ArticleId == Prevention);
    }
}

using BotHost.Knowledge.Answers;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Answers;

/// <summary>
/// Without the sentence encoder: an article for people worried about their own thoughts is withheld from a message the
/// urgent rules fire on, and quoted as usual otherwise (the shipped urgent.yaml and hotlines.yaml, two test articles).
/// </summary>
public sealed class AudienceGuardTests : IDisposable
{
    private const string UrgentMessage = "someone is trying to hurt me, who can i talk to";
    private const string CalmQuestion = "i worry i might hurt someone, who can i talk to";

    private readonly TempKnowledgeFolder _folder;
    private readonly KnowledgeBase _knowledge;

    public AudienceGuardTests()
    {
        _folder = new TempKnowledgeFolder();
        foreach (var file in new[] { "hotlines.yaml", "urgent.yaml" })
        {
            _folder.WriteFile(file, File.ReadAllText(Path.Combine(RepositoryPaths.Knowledge, file)));
        }

        _folder.WriteArticle(TempKnowledgeFolder.Article(
            "own-thoughts-help", "Help if you worry you might hurt someone",
            [
                "i worry i might hurt someone", "who can i talk to about wanting to hurt someone", "help before i hurt someone", "scared i will hurt someone",
                "i am scared i am trying to hurt someone, who can i talk to", "who can i talk to when i am scared about hurting someone",
            ],
            [("Talk to someone", "A confidential line can help you stop before anyone is hurt."), ("What happens next", "They listen and help you make a plan.")],
            tags: ["hurt", "urges"], audience: ["people-worried-about-own-thoughts", "adults"]));
        _folder.WriteArticle(TempKnowledgeFolder.Article(
            "staying-safe", "Staying safe when someone threatens you",
            ["someone threatened me", "what do i do if someone threatens me", "how do i stay safe"],
            [("Get somewhere safe", "Go to a safe place and tell a trusted adult."), ("Keep evidence", "Keep screenshots of the threats.")],
            tags: ["threats", "safety"]));
        var result = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, new FakeTimeProvider(TestClock.Start));
        _knowledge = result.Knowledge ?? throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public void Ask_UrgentMessageWhoseBestArticleIsForOwnThoughts_NeverQuotesThatArticle()
    {
        Assert.NotNull(_knowledge.Safety.MatchUrgent(UrgentMessage));
        var ranking = _knowledge.Search(UrgentMessage, "INTL").Ranked.Select(r => _knowledge.Articles[r.Article].Id);

        var answer = _knowledge.Ask(UrgentMessage, AskContext.International);

        Assert.DoesNotContain("own-thoughts-help", ranking);
        Assert.DoesNotContain(answer.Passages, p => p.ArticleId == "own-thoughts-help");
    }

    [Fact]
    public void Ask_SameWordsNotUrgent_QuotesTheOwnThoughtsArticle()
    {
        Assert.Null(_knowledge.Safety.MatchUrgent(CalmQuestion));

        var answer = _knowledge.Ask(CalmQuestion, AskContext.International);

        Assert.False(answer.IsDeclined);
        Assert.Equal("own-thoughts-help", answer.Passages[0].ArticleId);
    }

    [Fact]
    public void Ask_UrgentMessageWithTheArticleForEveryone_QuotesIt()
    {
        using var folder = new TempKnowledgeFolder();
        foreach (var file in new[] { "hotlines.yaml", "urgent.yaml" }) folder.WriteFile(file, File.ReadAllText(Path.Combine(_folder.Path, file)));
        folder.WriteArticle(File.ReadAllText(Path.Combine(_folder.ArticlesPath, "staying-safe.md")));
        folder.WriteArticle(File.ReadAllText(Path.Combine(_folder.ArticlesPath, "own-thoughts-help.md"))
            .Replace("audience: [people-worried-about-own-thoughts, adults]", "audience: [adults]", StringComparison.Ordinal));
        using var unguarded = KnowledgeBase.Load(new KnowledgeOptions { Path = folder.Path }, new FakeTimeProvider(TestClock.Start)).Knowledge!;

        var answer = unguarded.Ask(UrgentMessage, AskContext.International);

        // The same article under another audience is what the urgent message would have been sent.
        Assert.Contains(answer.Passages, p => p.ArticleId == "own-thoughts-help");
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _folder.Dispose();
    }
}

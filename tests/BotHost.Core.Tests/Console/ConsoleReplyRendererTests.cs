using BotHost.Core.Console;
using BotHost.Core.Messages;
using BotHost.Knowledge.Articles;
using BotHost.Testing;

namespace BotHost.Core.Tests.Console;

public sealed class ConsoleReplyRendererTests
{
    private static readonly ArticleSource Shown = new("Shown source", "Publisher", new Uri("https://example.org/shown"), null);
    private static readonly ArticleSource Hidden = new("Hidden source", "Publisher", new Uri("https://example.org/hidden"), null);

    private static Reply ReplyWithMoreSources() => new()
    {
        Kind = ReplyKind.Answer,
        Visibility = ReplyVisibility.Public,
        Blocks = [new PassageBlock(SampleReplies.Passage(sources: [Shown]) with { ArticleSources = [Shown, Hidden] })],
    };

    [Fact]
    public void Render_ArticleHasMoreSources_ShowsTheQuotesSourcesAndHowManyMore()
    {
        var text = ConsoleReplyRenderer.Render(ReplyWithMoreSources());

        Assert.Contains("Source: Shown source", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden source", text, StringComparison.Ordinal);
        Assert.Contains("More sources: 1 in the article", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AllSources_ShowsEverySourceOfTheArticle()
    {
        var text = ConsoleReplyRenderer.Render(ReplyWithMoreSources(), allSources: true);

        Assert.Contains("Source: Shown source", text, StringComparison.Ordinal);
        Assert.Contains("Source: Hidden source", text, StringComparison.Ordinal);
        Assert.DoesNotContain("More sources", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DocumentSourceWithoutLink_NamesTheBotsOwnDocument()
    {
        var document = new ArticleSource("What it keeps", "BotHost maintainers", null, null) { Document = "about/how-this-bot-works.md#what-it-keeps" };
        var reply = new Reply
        {
            Kind = ReplyKind.Answer,
            Visibility = ReplyVisibility.Public,
            Blocks = [new PassageBlock(SampleReplies.Passage(sources: [document]) with { ArticleSources = [document] })],
        };

        var text = ConsoleReplyRenderer.Render(reply);

        Assert.Contains("Source: What it keeps, BotHost maintainers <this bot's own documentation: about/how-this-bot-works.md#what-it-keeps>", text, StringComparison.Ordinal);
    }
}

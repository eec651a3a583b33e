using System.Text.Json;
using BotHost.Core.Messages;
using BotHost.Discord.Rendering;
using BotHost.Discord.Wire;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Articles;
using BotHost.Testing;

namespace BotHost.Discord.Tests.Rendering;

public sealed class DiscordRendererTests
{
    [Fact]
    public void Render_Passage_EmbedWithTitleQuotedSnippetBoldMatchSourcesAndReviewDate()
    {
        var payload = DiscordRenderer.Render(SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(SampleReplies.Passage())), ephemeral: false);

        var embed = Assert.Single(payload.Embeds!);
        Assert.Equal("Someone is threatening to share my photos", embed.Title);
        Assert.Equal("**What to do right now**\n> Do not **pay** and stop replying. Keep the messages as evidence.", embed.Description);
        Assert.Equal("• [Sextortion guide](https://example.org/source), Test Publisher, 2024-01-01", Assert.Single(embed.Fields!).Value);
        Assert.Equal("Last reviewed 2026-11-01", embed.Footer!.Text);
        Assert.Null(payload.Flags);
    }

    [Fact]
    public void Render_PassageWithMoreSourcesAndLink_MoreSourcesLinkButtonToTheArticle()
    {
        var shown = new ArticleSource("Shown", "P", new Uri("https://example.org/shown"), null);
        var passage = SampleReplies.Passage(sources: [shown], link: new Uri("https://kb.example.org/sextortion#what")) with
        {
            ArticleSources = [shown, new ArticleSource("Hidden", "P", new Uri("https://example.org/hidden"), null)],
        };

        var payload = DiscordRenderer.Render(SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(passage)), ephemeral: false);

        var button = payload.Components!.SelectMany(r => r.Components).Single(b => b.Label == "More sources");
        Assert.Equal(Button.LinkStyle, button.Style);
        Assert.Equal("https://kb.example.org/sextortion#what", button.Url);
        Assert.DoesNotContain("Hidden", Assert.Single(payload.Embeds!).Fields![0].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Private_EphemeralFlag64()
    {
        var payload = DiscordRenderer.Render(SampleReplies.Answer(ReplyVisibility.Private), ephemeral: true);

        Assert.Equal(64, payload.Flags);
        Assert.True(payload.IsEphemeral);
    }

    [Fact]
    public void Render_Always_AllowedMentionsParseEmpty()
    {
        var json = JsonSerializer.Serialize(DiscordRenderer.Render(SampleReplies.Answer(), false), DiscordJsonContext.Default.MessagePayload);

        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("counted_length", json, StringComparison.Ordinal);
        Assert.DoesNotContain("is_ephemeral", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TextWithMentionsAndMarkdown_Escaped()
    {
        var reply = Reply.Text(ReplyKind.Help, ReplyVisibility.Public, "@everyone <@123> **bold** [x](https://evil.example) `code` ||spoiler||");

        var content = DiscordRenderer.Render(reply, false).Content!;

        Assert.Equal("\\@everyone \\<\\@123> \\*\\*bold\\*\\* \\[x\\](https\\://evil.example) \\`code\\` \\|\\|spoiler\\|\\|", content);
    }

    [Fact]
    public void Render_LineStartMarkup_EscapedOnlyAtLineStart()
    {
        var content = DiscordRenderer.Render(Reply.Text(ReplyKind.Help, ReplyVisibility.Public, "# title\n- item 1-2\n> quote"), false).Content;

        Assert.Equal("\\# title\n\\- item 1-2\n\\> quote", content);
    }

    [Fact]
    public void Render_Hotlines_FieldsWithPhoneAndWebsiteLinkButtons()
    {
        var reply = SampleReplies.Answer(ReplyVisibility.Public, new HotlinesBlock("Where to get help", [SampleReplies.Hotline()]));

        var payload = DiscordRenderer.Render(reply, false);

        var field = Assert.Single(Assert.Single(payload.Embeds!).Fields!);
        Assert.Equal("Test Line", field.Name);
        Assert.StartsWith("Call 1-800-555-0100 (1-800-555-TEST) · 24/7", field.Value, StringComparison.Ordinal);
        var link = payload.Components![0].Components[0];
        Assert.Equal(Button.LinkStyle, link.Style);
        Assert.Equal("https://example.org/report", link.Url);
        Assert.Null(link.CustomId);
    }

    [Fact]
    public void Render_Feedback_TwoButtonsWhoseCustomIdCarriesOnlyArticleAndKind()
    {
        var payload = DiscordRenderer.Render(SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(SampleReplies.Passage())), false);

        var row = Assert.Single(payload.Components!);
        Assert.Equal(["bothost:fb:1:Answer:sextortion", "bothost:fb:0:Answer:sextortion"], row.Components.Select(b => b.CustomId));
        Assert.Equal(new FeedbackCustomId(true, new FeedbackTarget("sextortion", ReplyKind.Answer)), FeedbackCustomId.Parse(row.Components[0].CustomId));
    }

    [Theory]
    [InlineData("bothost:fb:2:Answer:x")]
    [InlineData("bothost:fb:1:Nope:x")]
    [InlineData("bothost:fb:1:Answer:")]
    [InlineData("other:1:Answer:x")]
    [InlineData(null)]
    public void Parse_ForeignOrBrokenCustomId_Null(string? customId) => Assert.Null(FeedbackCustomId.Parse(customId));

    [Fact]
    public void Render_FortyHotlinesAndLongPassages_WithinEveryDiscordLimit()
    {
        var hotlines = Enumerable.Range(0, 40).Select(i => SampleReplies.Hotline($"h{i}", new string('N', 300) + i, new Uri($"https://example.org/{i}"))).ToList();
        var longText = string.Join(' ', Enumerable.Repeat("word", 3000));
        var blocks = new List<ReplyBlock> { new TextBlock(new string('t', 5000)), new StepsBlock("Steps", [.. Enumerable.Repeat(new string('s', 500), 20)]) };
        blocks.AddRange(Enumerable.Range(0, 12).Select(_ => new PassageBlock(SampleReplies.Passage(longText, [new TextRange(0, 4)], title: new string('T', 400)))));
        blocks.Add(new HotlinesBlock("Help", hotlines));

        var payload = DiscordRenderer.Render(SampleReplies.Answer(ReplyVisibility.Public, [.. blocks]), false);

        Assert.True(payload.Content!.Length <= DiscordLimits.Content);
        Assert.True(payload.Embeds!.Count <= DiscordLimits.Embeds);
        Assert.True(payload.Embeds.Sum(e => e.CountedLength) <= DiscordLimits.MessageTotal);
        foreach (var embed in payload.Embeds)
        {
            Assert.True((embed.Title?.Length ?? 0) <= DiscordLimits.EmbedTitle);
            Assert.True((embed.Description?.Length ?? 0) <= DiscordLimits.EmbedDescription);
            Assert.True((embed.Fields?.Count ?? 0) <= DiscordLimits.EmbedFields);
            Assert.All(embed.Fields ?? [], f => Assert.True(f.Name.Length <= DiscordLimits.FieldName && f.Value.Length <= DiscordLimits.FieldValue));
        }

        Assert.True(payload.Components!.Count <= DiscordLimits.ActionRows);
        Assert.All(payload.Components, row => Assert.True(row.Components.Count <= DiscordLimits.ButtonsPerRow));
        Assert.All(payload.Components.SelectMany(r => r.Components), b => Assert.True(b.Label.Length <= DiscordLimits.ButtonLabel));
    }

    [Fact]
    public void Quote_OverBudget_CutOnWordWithEllipsisAndNoDanglingBold()
    {
        var snippet = new Snippet("alpha beta gamma delta epsilon", [new TextRange(6, 4), new TextRange(17, 5)], Trimmed: false);

        var quote = DiscordRenderer.Quote(snippet, 24);

        Assert.Equal("> alpha **beta** gamma…", quote);
    }
}

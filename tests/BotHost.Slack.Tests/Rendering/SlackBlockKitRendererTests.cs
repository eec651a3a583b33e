using System.Text.Json;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Hotlines;
using BotHost.Slack.Rendering;
using BotHost.Slack.Wire;
using BotHost.Testing;

namespace BotHost.Slack.Tests.Rendering;

public sealed class SlackBlockKitRendererTests
{
    [Fact]
    public void Render_Passage_QuotedSnippetWithBoldHighlightThenSourcesAndReviewDate()
    {
        var reply = SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(SampleReplies.Passage()));

        var content = SlackBlockKitRenderer.Render(reply);

        var section = Assert.IsType<SectionBlock>(content.Blocks[0]);
        Assert.Equal("*Someone is threatening to share my photos* — What to do right now\n>Do not *pay* and stop replying. Keep the messages as evidence.", section.Text.Text);
        Assert.Equal("mrkdwn", section.Text.Type);
        Assert.True(section.Text.Verbatim);
        var context = Assert.IsType<ContextBlock>(content.Blocks[1]);
        Assert.Equal("Source: <https://example.org/source|Sextortion guide>, Test Publisher, 2024-01-01", context.Elements[0].Text);
        Assert.Equal("Last reviewed 2026-11-01", context.Elements[1].Text);
    }

    [Fact]
    public void Render_PassageWithMoreSourcesAndLink_MoreSourcesLink()
    {
        var shown = new ArticleSource("Shown", "P", new Uri("https://example.org/shown"), null);
        var passage = SampleReplies.Passage(sources: [shown], link: new Uri("https://kb.example.org/sextortion#what")) with
        {
            ArticleSources = [shown, new ArticleSource("Hidden", "P", new Uri("https://example.org/hidden"), null)],
        };

        var context = Assert.IsType<ContextBlock>(SlackBlockKitRenderer.Render(SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(passage))).Blocks[1]);

        Assert.Equal("Last reviewed 2026-11-01 · <https://kb.example.org/sextortion#what|More sources>", context.Elements[^1].Text);
        Assert.DoesNotContain(context.Elements, e => e.Text.Contains("Hidden", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_PassageWithLink_ReadTheArticleLink()
    {
        var reply = SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(SampleReplies.Passage(link: new Uri("https://kb.example.org/sextortion#what"))));

        var context = Assert.IsType<ContextBlock>(SlackBlockKitRenderer.Render(reply).Blocks[1]);

        Assert.Equal("Last reviewed 2026-11-01 · <https://kb.example.org/sextortion#what|Read the article>", context.Elements[^1].Text);
    }

    [Fact]
    public void Render_MultilineSnippet_EveryLineQuoted()
    {
        var reply = SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(SampleReplies.Passage("First line.\nSecond line.", highlights: [])));

        var section = Assert.IsType<SectionBlock>(SlackBlockKitRenderer.Render(reply).Blocks[0]);

        Assert.EndsWith("\n>First line.\n>Second line.", section.Text.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 2, "*Do* not pay")]
    [InlineData(1, 2, "Do not pay")]
    [InlineData(3, 4, "Do not pay")]
    public void Render_Highlight_BoldOnlyOnWholeWords(int start, int length, string expectedStart)
    {
        var passage = SampleReplies.Passage("Do not pay", highlights: [new TextRange(start, length)]);

        var section = Assert.IsType<SectionBlock>(SlackBlockKitRenderer.Render(SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(passage))).Blocks[0]);

        Assert.EndsWith(">" + expectedStart, section.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ArticleTextWithControlSequences_Escaped()
    {
        var passage = SampleReplies.Passage("Tell <!channel> & <@U123> to visit <https://evil.example|here>.", highlights: [],
            title: "A <!here> title", sources: [new ArticleSource("<!everyone>", "P & Q", new Uri("https://example.org/s"), null)]);

        var content = SlackBlockKitRenderer.Render(SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(passage)));

        var json = JsonSerializer.Serialize(content.Blocks, SlackJsonContext.Default.IReadOnlyListSlackBlock);
        Assert.DoesNotContain("<!", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<@", json, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://evil", json, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt; &amp; &lt;@U123&gt;", ((SectionBlock)content.Blocks[0]).Text.Text, StringComparison.Ordinal);
        Assert.Equal("Source: <https://example.org/s|&lt;!everyone&gt;>, P &amp; Q", ((ContextBlock)content.Blocks[1]).Elements[0].Text);
        Assert.DoesNotContain('<', content.Text.Replace("<https://example.org/s", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Hotline_PhoneAndTextInSectionAndWebsiteButton()
    {
        var hotline = SampleReplies.Hotline(sms: new HotlineSms("741741", "HOME"));
        var reply = SampleReplies.Answer(ReplyVisibility.Public, new HotlinesBlock("Where to get help", [hotline]));

        var content = SlackBlockKitRenderer.Render(reply);

        Assert.Equal("*Where to get help*", ((SectionBlock)content.Blocks[0]).Text.Text);
        var section = Assert.IsType<SectionBlock>(content.Blocks[1]);
        Assert.Equal("*Test Line*\nCall 1-800-555-0100 (1-800-555-TEST) · Text HOME to 741741 · 24/7", section.Text.Text);
        var button = section.Accessory!;
        Assert.Equal("button", button.Type);
        Assert.Equal("Website", button.Text.Text);
        Assert.Equal("https://example.org/report", button.Url);
        Assert.Equal("bothost_hotline_0", button.ActionId);
    }

    [Fact]
    public void Render_Steps_NumberedList()
    {
        var reply = new Reply { Kind = ReplyKind.Urgent, Visibility = ReplyVisibility.Private, Blocks = [new StepsBlock("Right now", ["Stop replying.", "Keep <evidence>."])] };

        var section = Assert.IsType<SectionBlock>(SlackBlockKitRenderer.Render(reply).Blocks[0]);

        Assert.Equal("*Right now*\n1. Stop replying.\n2. Keep &lt;evidence&gt;.", section.Text.Text);
    }

    [Fact]
    public void Render_Feedback_TwoButtonsCarryingOnlyKindAndArticleId()
    {
        var content = SlackBlockKitRenderer.Render(SampleReplies.Answer());

        var actions = Assert.IsType<ActionsBlock>(content.Blocks[^1]);
        Assert.Equal(FeedbackAction.BlockId, actions.BlockId);
        Assert.Collection(actions.Elements,
            b => Assert.Equal(("Helpful", "bothost_feedback_helpful", "answer:sextortion"), (b.Text.Text, b.ActionId, b.Value)),
            b => Assert.Equal(("Not helpful", "bothost_feedback_not_helpful", "answer:sextortion"), (b.Text.Text, b.ActionId, b.Value)));
    }

    [Fact]
    public void Render_PrivateAnswer_NotificationTextNamesNoTopic()
    {
        var content = SlackBlockKitRenderer.Render(SampleReplies.Answer(ReplyVisibility.Private));

        Assert.Equal(BotTexts.PrivateNotification, content.Text);
    }

    [Fact]
    public void Render_PublicAnswer_NotificationTextIsThePlainReply()
    {
        var content = SlackBlockKitRenderer.Render(SampleReplies.Answer(ReplyVisibility.Public));

        Assert.StartsWith("Someone is threatening to share my photos — What to do right now\nDo not pay", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HugeReply_StaysWithinEveryBlockKitLimit()
    {
        var sources = Enumerable.Range(0, 15).Select(i => new ArticleSource($"Source {i} " + new string('s', 400), "Publisher", new Uri($"https://example.org/{i}"), null)).ToList();
        var passage = SampleReplies.Passage(string.Join(' ', Enumerable.Repeat("Keep every message as evidence.", 200)), highlights: [new TextRange(0, 4)], sources: sources);
        var hotlines = Enumerable.Range(0, 80).Select(i => SampleReplies.Hotline($"h{i}", new string('N', 100) + i)).ToList();
        var reply = SampleReplies.Answer(ReplyVisibility.Public, new TextBlock(new string('t', 5000)), new PassageBlock(passage), new HotlinesBlock("Help", hotlines));

        var content = SlackBlockKitRenderer.Render(reply);

        Assert.True(content.Blocks.Count <= BlockKitLimits.Blocks);
        Assert.IsType<ActionsBlock>(content.Blocks[^1]);
        foreach (var block in content.Blocks) AssertWithinLimits(block);
        var quote = ((SectionBlock)content.Blocks[1]).Text.Text;
        Assert.EndsWith("…", quote, StringComparison.Ordinal);
        Assert.Equal(SlackMrkdwn.Escape(BotTexts.MoreHotlines), ((SectionBlock)content.Blocks[^2]).Text.Text);
    }

    private static void AssertWithinLimits(SlackBlock block)
    {
        switch (block)
        {
            case SectionBlock s:
                Assert.InRange(s.Text.Text.Length, 1, BlockKitLimits.SectionText);
                if (s.Accessory is { } b) AssertButton(b);
                break;
            case ContextBlock c:
                Assert.InRange(c.Elements.Count, 1, BlockKitLimits.ContextElements);
                Assert.All(c.Elements, e => Assert.InRange(e.Text.Length, 1, BlockKitLimits.TextObject));
                break;
            case ActionsBlock a:
                Assert.InRange(a.Elements.Count, 1, BlockKitLimits.ActionsElements);
                Assert.All(a.Elements, AssertButton);
                break;
        }

        Assert.True((block.BlockId?.Length ?? 0) <= BlockKitLimits.BlockId);
    }

    private static void AssertButton(ButtonElement button)
    {
        Assert.InRange(button.Text.Text.Length, 1, BlockKitLimits.ButtonText);
        Assert.InRange(button.ActionId.Length, 1, BlockKitLimits.ActionId);
        Assert.True((button.Value?.Length ?? 0) <= BlockKitLimits.ButtonValue);
        Assert.True((button.Url?.Length ?? 0) <= BlockKitLimits.ButtonUrl);
    }
}

using BotHost.Core.Messages;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Hotlines;

namespace BotHost.Testing;

/// <summary>Replies built by hand, to render without a knowledge base.</summary>
public static class SampleReplies
{
    public static AnswerPassage Passage(string text = "Do not pay and stop replying. Keep the messages as evidence.", IReadOnlyList<TextRange>? highlights = null,
        IReadOnlyList<ArticleSource>? sources = null, string title = "Someone is threatening to share my photos", Uri? link = null) => new()
        {
            ArticleId = "sextortion",
            Title = title,
            Heading = "What to do right now",
            Anchor = "what-to-do-right-now",
            Snippet = new Snippet(text, highlights ?? [new TextRange(7, 3)], Trimmed: false),
            Sources = sources ?? [new ArticleSource("Sextortion guide", "Test Publisher", new Uri("https://example.org/source"), "2024-01-01")],
            Reviewed = new DateOnly(2026, 11, 1),
            Sensitive = true,
            Confidence = 0.9,
            Link = link,
        };

    public static Hotline Hotline(string id = "us-test-line", string name = "Test Line", Uri? url = null, HotlineSms? sms = null) => new()
    {
        Id = id,
        Name = name,
        Operator = "Test Operator",
        Region = "US",
        Topics = ["sextortion"],
        Phone = "1-800-555-0100",
        PhoneWords = "1-800-555-TEST",
        Sms = sms,
        Url = url ?? new Uri("https://example.org/report"),
        Hours = "24/7",
        Confidence = "verified",
        Verified = new DateOnly(2026, 11, 1),
        Source = new Uri("https://example.org/about"),
    };

    public static Reply Answer(ReplyVisibility visibility = ReplyVisibility.Public, params ReplyBlock[] blocks) => new()
    {
        Kind = ReplyKind.Answer,
        Visibility = visibility,
        Blocks = blocks.Length > 0 ? blocks : [new PassageBlock(Passage()), new HotlinesBlock("Where to get help", [Hotline()])],
        Feedback = new FeedbackTarget("sextortion", ReplyKind.Answer),
    };
}

using BotHost.Core.Messages;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Articles;
using BotHost.Testing;

namespace BotHost.Core.Tests.Pipeline;

public class ReplyFitTests
{
    private const string ThreeSentences = "First sentence is here. Second sentence follows it. Third sentence ends the quote.";

    private static readonly ArticleSource[] TwoSources =
    [
        new("First source", "Publisher A", new Uri("https://example.org/a"), null),
        new("Second source", "Publisher B", new Uri("https://example.org/b"), null),
    ];

    /// <summary>A measure that counts what each test cares about, so the limits below are easy to follow.</summary>
    private static int Size(Reply reply) => reply.Blocks.Sum(b => b switch
    {
        PassageBlock p => p.Passage.Snippet.Text.Length + (100 * p.Passage.Sources.Count),
        TextBlock t => t.Text.Length,
        _ => 50,
    });

    private static AnswerPassage Passage(string text = ThreeSentences) =>
        SampleReplies.Passage(text, [new TextRange(0, 5), new TextRange(text.Length - 5, 5)], TwoSources) with { ArticleSources = TwoSources };

    [Fact]
    public void Fit_ReplyWithinLimit_IsUnchanged()
    {
        var reply = SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(Passage()));

        Assert.Same(reply, ReplyFit.Fit(reply, Size, 1000));
    }

    [Fact]
    public void Fit_SourcesMakeItTooLong_ShowsTheFirstSourceAndKeepsTheRestForMoreSources()
    {
        var reply = SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(Passage()));

        var fitted = ReplyFit.Fit(reply, Size, ThreeSentences.Length + 150);

        var passage = Assert.IsType<PassageBlock>(Assert.Single(fitted.Blocks)).Passage;
        Assert.Equal("First source", Assert.Single(passage.Sources).Title);
        Assert.Equal(2, passage.ArticleSources.Count);
        Assert.True(passage.HasMoreSources);
        Assert.Equal(ThreeSentences, passage.Snippet.Text);
    }

    [Fact]
    public void Fit_QuoteStillTooLong_KeepsItsLeadingWholeSentences()
    {
        var reply = SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(Passage()), new HotlinesBlock("Where to get help", [SampleReplies.Hotline()]));

        var fitted = ReplyFit.Fit(reply, Size, 100 + 50 + "First sentence is here. Second sentence follows it.".Length + 1);

        var snippet = Assert.IsType<PassageBlock>(fitted.Blocks[0]).Passage.Snippet;
        Assert.Equal("First sentence is here. Second sentence follows it.", snippet.Text);
        Assert.True(snippet.Trimmed);
        Assert.Equal([new TextRange(0, 5)], snippet.Highlights);
        Assert.IsType<HotlinesBlock>(fitted.Blocks[1]);
    }

    [Fact]
    public void Fit_AnswerThatCannotFit_KeepsItsPassage()
    {
        var reply = SampleReplies.Answer(ReplyVisibility.Public, new PassageBlock(Passage()), new HotlinesBlock("Where to get help", [SampleReplies.Hotline()]));

        var fitted = ReplyFit.Fit(reply, Size, 10);

        Assert.Equal("First sentence is here.", Assert.IsType<PassageBlock>(fitted.Blocks[0]).Passage.Snippet.Text);
        Assert.NotNull(fitted.Feedback);
    }

    [Fact]
    public void Fit_UrgentHelpThatCannotFitWithItsPassage_LeavesThePassageAndItsFeedbackOut()
    {
        var reply = new Reply
        {
            Kind = ReplyKind.Urgent,
            Visibility = ReplyVisibility.Private,
            Blocks = [new TextBlock("Urgent wording."), new StepsBlock("What to do now", ["One."]), new PassageBlock(Passage())],
            Feedback = new FeedbackTarget("sextortion", ReplyKind.Urgent),
        };

        var fitted = ReplyFit.Fit(reply, Size, 150);

        Assert.Equal([typeof(TextBlock), typeof(StepsBlock)], fitted.Blocks.Select(b => b.GetType()));
        Assert.Null(fitted.Feedback);
    }

    [Fact]
    public void LeadingSentences_FirstSentenceLongerThanTheLimit_KeepsTheFirstSentence()
    {
        var snippet = new Snippet(ThreeSentences, [], Trimmed: false);

        Assert.Equal("First sentence is here.", ReplyFit.LeadingSentences(snippet, 5).Text);
    }

    [Fact]
    public void LeadingSentences_ListItemsOnLines_CutsAtALineBreak()
    {
        var snippet = new Snippet("Do these things:\n- keep the messages\n- block the account", [], Trimmed: false);

        Assert.Equal("Do these things:\n- keep the messages", ReplyFit.LeadingSentences(snippet, 40).Text);
    }

    [Fact]
    public void ToPhoneScreen_ShippedSizedReply_IsBelowThePhoneScreen()
    {
        var long400 = string.Join(' ', Enumerable.Repeat("This sentence is forty characters long.", 10));
        var sources = Enumerable.Range(0, 2).Select(i => new ArticleSource(new string('t', 100), "Publisher", new Uri($"https://example.org/{new string('p', 100)}/{i}"), null)).ToArray();
        var passage = SampleReplies.Passage(long400, [], sources) with { ArticleSources = sources };
        var hotlines = Enumerable.Range(0, 3).Select(i => SampleReplies.Hotline($"line-{i}", new string('n', 50))).ToList();
        var reply = SampleReplies.Answer(ReplyVisibility.Private, new PassageBlock(passage), new HotlinesBlock("Where to get help", hotlines));
        Assert.True(ReplyFit.Measure(reply) >= ReplyFit.PhoneScreen);

        Assert.True(ReplyFit.Measure(ReplyFit.ToPhoneScreen(reply)) < ReplyFit.PhoneScreen);
    }
}

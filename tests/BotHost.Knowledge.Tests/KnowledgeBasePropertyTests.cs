using BotHost.Knowledge.Answers;
using BotHost.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace BotHost.Knowledge.Tests;

/// <summary>Any text at all gives an answer or a decline, never an exception: member text never reaches MATCH unescaped.</summary>
public sealed class KnowledgeBasePropertyTests : IDisposable
{
    // Query syntax (FTS5's and Lucene's) and other things that break naive query building.
    private static readonly string[] Hostile =
    [
        "\"", "'", "*", "^", "(", ")", ":", "-", "+", "NEAR", "NEAR(", "AND", "OR", "NOT", "{", "}", "title:", "body :",
        "\0", "\\", "%", "_", "😭", "🏳️‍🌈", "ẞ", "ǅ", "\u202e", "\ud800", " ", "\n", "\t", "sextortion", "report", "pics",
    ];

    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly KnowledgeBase _knowledge;

    public KnowledgeBasePropertyTests() =>
        _knowledge = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, new FakeTimeProvider(TestClock.Start)).Knowledge!;

    [Fact]
    public void Ask_ArbitraryStrings_NeverThrow()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<string>(), question => AnswersOrDeclines(question ?? string.Empty));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void Ask_StringsBuiltFromQuerySyntax_NeverThrow()
    {
        var hostile = Gen.ListOf(Gen.Elements(Hostile)).Select(parts => string.Concat(parts));

        var property = Prop.ForAll(hostile.ToArbitrary(), AnswersOrDeclines);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500).WithEndSize(60), property);
    }

    private bool AnswersOrDeclines(string question)
    {
        var answer = _knowledge.Ask(question, AskContext.International);
        return answer.Kind is AnswerKind.Answered or AnswerKind.Declined
               && (answer.Kind == AnswerKind.Declined || answer.Passages.Count > 0);
    }

    public void Dispose()
    {
        _knowledge.Dispose();
        _folder.Dispose();
    }
}

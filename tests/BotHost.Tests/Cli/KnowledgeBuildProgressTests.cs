using BotHost.Cli;
using BotHost.Knowledge.Semantics;
using BotHost.Testing;

namespace BotHost.Tests.Cli;

/// <summary>Progress while the knowledge base's texts are embedded (issue #17): plain lines on stderr, none with --json.</summary>
public sealed class KnowledgeBuildProgressTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public void Run_PlainStyleWhileTextsAreEmbedded_OneLineOnStderrPerIntervalAndNothingOnStdout()
    {
        using var embedder = new KnowledgeEmbedder(new ClockEncoder(_time, TimeSpan.FromSeconds(5)), cache: null, _time);
        var texts = Texts(1_200);

        var vectors = KnowledgeBuildProgress.Run(Environment(CliStyle.Plain), json: false, embedder, e => e.EmbedKnowledge(texts, EmbeddingKind.Document));

        Assert.Equal(
            [
                "embedding knowledge texts: 512 of 1,200 (102 texts/s)",
                "embedding knowledge texts: 1,024 of 1,200 (102 texts/s)",
                "embedding knowledge texts: 1,200 of 1,200 (80 texts/s)",
            ],
            Lines(_error));
        Assert.Empty(_output.ToString());
        Assert.Equal(texts.Select(t => (float)t.Length), vectors.Select(v => v[0]));
    }

    [Fact]
    public void Run_LoadFinishingWithinTheInterval_WritesNothing()
    {
        using var embedder = new KnowledgeEmbedder(new ClockEncoder(_time, TimeSpan.FromSeconds(1)), cache: null, _time);

        KnowledgeBuildProgress.Run(Environment(CliStyle.Plain), json: false, embedder, e => e.EmbedKnowledge(Texts(1_200), EmbeddingKind.Document));

        Assert.Empty(_error.ToString());
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public void Run_Json_WritesNothingHowLongEmbeddingTakes()
    {
        using var embedder = new KnowledgeEmbedder(new ClockEncoder(_time, TimeSpan.FromMinutes(1)), cache: null, _time);

        KnowledgeBuildProgress.Run(Environment(CliStyle.Plain), json: true, embedder, e => e.EmbedKnowledge(Texts(1_200), EmbeddingKind.Document));

        Assert.Empty(_error.ToString());
        Assert.Empty(_output.ToString());
    }

    [Fact]
    public void Run_RichStyle_BarOnStderrOnlyAndTheResultUnchanged()
    {
        // A rich style with a writer that is not the console's redirected stderr: the bar draws there, never on stdout.
        using var embedder = new KnowledgeEmbedder(new ClockEncoder(_time, TimeSpan.FromSeconds(5)), cache: null, _time);
        var texts = Texts(600);

        var vectors = KnowledgeBuildProgress.Run(Environment(CliStyle.Rich), json: false, embedder, e => e.EmbedKnowledge(texts, EmbeddingKind.Document));

        Assert.Equal(texts.Select(t => (float)t.Length), vectors.Select(v => v[0]));
        Assert.Empty(_output.ToString());
    }

    private CliEnvironment Environment(CliStyle style) => new(_output, _error, _time, new StringReader(string.Empty), style);

    private static string[] Lines(StringWriter writer) => writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Texts of different lengths, longest first, so the embedder's shortest-first order differs from theirs.</summary>
    private static string[] Texts(int count) => [.. Enumerable.Range(0, count).Select(i => new string('a', count - i))];

    /// <summary>A stand-in model whose first component is the text's length; each call moves the clock on by <c>perCall</c>.</summary>
    private sealed class ClockEncoder(FakeTimeProvider time, TimeSpan perCall) : ISentenceEncoder
    {
        public string ModelId => "clock-encoder";

        public int Dimensions => 2;

        public float[] Encode(string text, EmbeddingKind kind) => Encode([text], kind)[0];

        public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind)
        {
            time.Advance(perCall);
            return [.. texts.Select(t => new float[] { t.Length, 1 })];
        }
    }
}

using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Tests.BoundedState;

/// <summary>
/// Issue #16, bounded state: the three places that keep side data per message text in a
/// <see cref="ConditionalWeakTable{TKey, TValue}"/> (the safety verdicts, the message's embedding handle, a section's
/// sentences) hold nothing once the text is gone. Each test drives 100,000 distinct texts through one of them, forces a
/// full collection, and counts the table's live entries of this test's own texts (other test classes use the same
/// process-wide tables at the same time), plus a sample of the texts themselves through weak references.
/// </summary>
public sealed class MessageSideTablesTests
{
    private const int Texts = 100_000;

    /// <summary>A prefix no other test's text has, so the count is of this test's entries only.</summary>
    private readonly string _marker = "qqzx" + Guid.NewGuid().ToString("N");

    [Fact]
    public void IsRefused_100000DistinctMessages_NoVerdictOutlivesItsMessage()
    {
        // Rules without phrases: every verdict is kept in the table all the same, and 100,000 messages through the
        // shipped rules take a minute on a loaded machine (the shipped rules are SafetyRulesTests' subject).
        var rules = SafetyRules.Empty;
        var kept = Text(-1);
        rules.IsRefused(kept);

        var samples = Drive(message => Assert.False(rules.IsRefused(message)), Text);

        FullCollection();
        Assert.All(samples, sample => Assert.False(sample.IsAlive));
        Assert.Equal(1, Held(typeof(SafetyRules), "Verdicts"));
        GC.KeepAlive(kept);
    }

    [Fact]
    public void For_100000DistinctMessagesEmbedded_NoHandleOutlivesItsMessage()
    {
        var encoder = new StandInEncoder();
        var kept = Text(-1);
        _ = MessageEmbedding.For(encoder, kept).Vector.Length;

        var samples = Drive(message => _ = MessageEmbedding.For(encoder, message).Vector.Length, Text);

        FullCollection();
        Assert.All(samples, sample => Assert.False(sample.IsAlive));
        Assert.Equal(1, Held(typeof(MessageEmbedding), "Handles"));
        Assert.Equal(Texts + 1, encoder.Calls);
        GC.KeepAlive(kept);
    }

    [Fact]
    public void Build_100000DistinctSectionTexts_NoSentencesOutliveTheirText()
    {
        var stems = new HashSet<string>(["report"], StringComparer.Ordinal);
        var kept = Section(-1);
        SnippetBuilder.Build(kept, stems);

        var samples = Drive(section => Assert.Contains("Report", SnippetBuilder.Build(section, stems).Text, StringComparison.Ordinal), Section);

        FullCollection();
        Assert.All(samples, sample => Assert.False(sample.IsAlive));
        Assert.Equal(1, Held(typeof(SnippetBuilder), "Sections"));
        GC.KeepAlive(kept);
    }

    /// <summary>A new string instance each call: "qqzx… message 17: Report the account. Tell a trusted adult."</summary>
    private string Text(int i) => $"{_marker} message {i}: Report the account. Tell a trusted adult.";

    /// <summary>A new string instance each call, two words (each is stemmed): "qqzx…17 Report."</summary>
    private string Section(int i) => $"{_marker}{i} Report.";

    /// <summary>
    /// Sends <see cref="Texts"/> distinct texts made by <paramref name="texts"/> through <paramref name="use"/> and keeps weak references to every
    /// thousandth. Not inlined, so no local of the loop is still on the caller's stack when it collects.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] Drive(Action<string> use, Func<int, string> texts)
    {
        var samples = new List<WeakReference>(Texts / 1_000);
        for (var i = 0; i < Texts; i++)
        {
            var text = texts(i);
            use(text);
            if (i % 1_000 == 0) samples.Add(new WeakReference(text));
        }

        return [.. samples];
    }

    private static void FullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    /// <summary>
    /// The live entries of the private static table <paramref name="field"/> whose key starts with this test's marker,
    /// counted with the table's own enumerator (it yields only entries whose key is still alive). Read by reflection so
    /// the production classes keep no member for tests; a renamed table fails here, not silently.
    /// </summary>
    private int Held(Type owner, string field)
    {
        var table = owner.GetField(field, BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
            ?? throw new InvalidOperationException($"{owner.Name}.{field} is not a static field any more: update this test");
        var count = 0;
        foreach (var entry in (IEnumerable)table)
        {
            var key = (string)entry.GetType().GetProperty("Key")!.GetValue(entry)!;
            if (key.StartsWith(_marker, StringComparison.Ordinal)) count++;
        }

        return count;
    }

    /// <summary>A stand-in for the model (100,000 real encodings would take minutes): a unit vector, and a call count.</summary>
    private sealed class StandInEncoder : ISentenceEncoder
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string ModelId => "stand-in@bounded-state";

        public int Dimensions => 2;

        public float[] Encode(string text, EmbeddingKind kind)
        {
            Interlocked.Increment(ref _calls);
            return [1, 0];
        }

        public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind) => [.. texts.Select(t => Encode(t, kind))];
    }
}

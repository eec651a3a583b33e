using System.Runtime.CompilerServices;

namespace BotHost.Knowledge.Semantics;

/// <summary>
/// A member's message and its query vector, computed at most once, on first use, and shared by every step that needs
/// it (the urgency and refusal checks, then retrieval): <see cref="For"/> hands out one handle per message text
/// instance, so steps that receive the same message share it without passing it along. The vector is of the member's
/// own words, never of a spell-corrected text. It lives only as long as the message's text does and is never stored;
/// the vectors of the last <see cref="RecentVectors"/> messages are kept in memory, keyed by a hash, for repeats.
/// </summary>
public sealed class MessageEmbedding
{
    /// <summary>Vectors of recent messages kept for a repeat (<see cref="RecentVectors"/> of them, about 1.5 KB each).</summary>
    public const int RecentVectors = 2_048;

    private static readonly ConditionalWeakTable<string, MessageEmbedding> Handles = [];

    /// <summary>
    /// The vectors of the last messages embedded, by encoder and <see cref="Search.MessageKey"/> (a hash: no member's
    /// words are kept), so a message sent again (the same question from many members, a retry) is not embedded again.
    /// Bounded, in memory only, never written anywhere.
    /// </summary>
    private static readonly Search.BoundedCache<(ISentenceEncoder Encoder, UInt128 Key), float[]> Recent = new(RecentVectors);

    private readonly ISentenceEncoder _encoder;
    private readonly Lock _gate = new();
    private float[]? _vector;

    private MessageEmbedding(ISentenceEncoder encoder, string text)
    {
        _encoder = encoder;
        Text = text;
    }

    /// <summary>The message's text, exactly as the member wrote it.</summary>
    public string Text { get; }

    /// <summary>True once the vector has been computed.</summary>
    public bool IsComputed => Volatile.Read(ref _vector) is not null;

    /// <summary>The query vector (unit length); the first caller computes it, the others wait for it and share it.</summary>
    public ReadOnlySpan<float> Vector => VectorArray;

    /// <summary>The handle for this message text: the same instance for the same string instance and encoder.</summary>
    public static MessageEmbedding For(ISentenceEncoder encoder, string text)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(text);
        var handle = Handles.GetValue(text, t => new MessageEmbedding(encoder, t));
        if (ReferenceEquals(handle._encoder, encoder)) return handle;

        // Another encoder (a reload with a new model, or a test): a handle of its own replaces the old one.
        handle = new MessageEmbedding(encoder, text);
        Handles.AddOrUpdate(text, handle);
        return handle;
    }

    /// <summary>Cosine similarity with a unit-length vector of the same model.</summary>
    public float Similarity(ReadOnlySpan<float> other) => VectorMath.Dot(Vector, other);

    private float[] VectorArray
    {
        get
        {
            if (Volatile.Read(ref _vector) is { } ready) return ready;
            lock (_gate)
            {
                if (_vector is null)
                {
                    var key = (_encoder, Search.MessageKey.Of(Text));
                    if (!Recent.TryGet(key, out var vector))
                    {
                        vector = _encoder.Encode(Text, EmbeddingKind.Query);
                        Recent.Add(key, vector);
                    }

                    _vector = vector;
                }

                return _vector;
            }
        }
    }
}

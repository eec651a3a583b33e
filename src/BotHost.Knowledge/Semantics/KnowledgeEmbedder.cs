using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BotHost.Knowledge.Semantics;

/// <summary>
/// The process's sentence encoder and vector cache, as a knowledge base uses them: knowledge texts (articles, labelled
/// example messages) through the on-disk cache, member messages through one shared <see cref="MessageEmbedding"/> each
/// and never cached. One per process, shared by every knowledge base it loads (reloads included).
/// </summary>
public sealed partial class KnowledgeEmbedder : IDisposable
{
    private readonly VectorCache? _cache;
    private readonly TimeProvider _time;
    private readonly bool _ownsEncoder;

    public KnowledgeEmbedder(ISentenceEncoder encoder, VectorCache? cache, TimeProvider time)
        : this(encoder, cache, time, ownsEncoder: false)
    {
    }

    private KnowledgeEmbedder(ISentenceEncoder encoder, VectorCache? cache, TimeProvider time, bool ownsEncoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(time);
        Encoder = encoder;
        _cache = cache;
        _time = time;
        _ownsEncoder = ownsEncoder;
    }

    public ISentenceEncoder Encoder { get; }

    /// <summary>The on-disk cache in use, or null when there is none.</summary>
    public string? CachePath => _cache?.Path;

    /// <summary>The clock of the caches' use dates (the trained-model cache beside the vector cache uses it too).</summary>
    internal TimeProvider Time => _time;

    /// <summary>
    /// Loads the model and opens the vector cache. A cache that cannot be opened (a read-only folder) is logged and
    /// left out: the bot still works, it only embeds its knowledge again on each load.
    /// </summary>
    public static KnowledgeEmbedder Load(SentenceEncoderOptions options, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        logger ??= NullLogger.Instance;
        var encoder = ArcticXsEncoder.Load(options);
        VectorCache? cache = null;
        var path = options.VectorCachePath ?? SentenceEncoderOptions.DefaultVectorCachePath;
        if (path.Length > 0)
        {
            try
            {
                cache = VectorCache.Open(path, time);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogNoCache(logger, ex, path);
            }
        }

        return new KnowledgeEmbedder(encoder, cache, time, ownsEncoder: true);
    }

    /// <summary>Vectors of knowledge texts, from the cache where it has them.</summary>
    public IReadOnlyList<float[]> EmbedKnowledge(IReadOnlyList<string> texts, EmbeddingKind kind)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return _cache is null ? Encoder.Encode(texts, kind) : _cache.GetOrEncode(Encoder, texts, kind, _time);
    }

    /// <summary>The shared embedding handle of a member's message (computed on first use, never cached on disk).</summary>
    public MessageEmbedding Message(string text) => MessageEmbedding.For(Encoder, text);

    public void Dispose()
    {
        _cache?.Dispose();
        if (_ownsEncoder) (Encoder as IDisposable)?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The vector cache at {Path} cannot be used; knowledge texts are embedded again on each load")]
    private static partial void LogNoCache(ILogger logger, Exception exception, string path);
}

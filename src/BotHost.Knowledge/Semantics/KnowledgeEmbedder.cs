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
    /// <summary>Texts looked up or embedded between two progress reports (16 of the encoder's batches).</summary>
    public const int ProgressStep = 512;

    private readonly VectorCache? _cache;
    private readonly TimeProvider _time;
    private readonly bool _ownsEncoder;
    private readonly bool _ownsCache;
    private readonly Action<EmbeddingProgress>? _progress;
    private long _done;
    private long _total;

    public KnowledgeEmbedder(ISentenceEncoder encoder, VectorCache? cache, TimeProvider time)
        : this(encoder, cache, time, ownsEncoder: false, ownsCache: true, progress: null)
    {
    }

    private KnowledgeEmbedder(ISentenceEncoder encoder, VectorCache? cache, TimeProvider time, bool ownsEncoder, bool ownsCache, Action<EmbeddingProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(time);
        Encoder = encoder;
        _cache = cache;
        _time = time;
        _ownsEncoder = ownsEncoder;
        _ownsCache = ownsCache;
        _progress = progress;
    }

    public ISentenceEncoder Encoder { get; }

    /// <summary>The on-disk cache in use, or null when there is none.</summary>
    public string? CachePath => _cache?.Path;

    /// <summary>
    /// Writes to the on-disk cache skipped so far because another process kept it locked (see
    /// <see cref="VectorCache.SkippedWrites"/>): the vectors were still used, only a later load embeds them again.
    /// </summary>
    public long SkippedCacheWrites => _cache?.SkippedWrites ?? 0;

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

        return new KnowledgeEmbedder(encoder, cache, time, ownsEncoder: true, ownsCache: true, progress: null);
    }

    /// <summary>
    /// The same encoder and cache (owned by this instance, not the new one: disposing it disposes neither) reporting
    /// to <paramref name="progress"/> as knowledge texts are embedded: after every <see cref="ProgressStep"/> texts,
    /// the texts done and asked for so far over every <see cref="EmbedKnowledge"/> call of the new instance (a knowledge
    /// base embeds its article questions, then its sections, then its example messages, so the total grows). For the
    /// command line's progress display while a large knowledge base is embedded the first time.
    /// </summary>
    public KnowledgeEmbedder WithProgress(Action<EmbeddingProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new KnowledgeEmbedder(Encoder, _cache, _time, ownsEncoder: false, ownsCache: false, progress);
    }

    /// <summary>
    /// Vectors of knowledge texts, from the cache where it has them. A text that occurs more than once (a section
    /// heading many articles share) is looked up and embedded once; each occurrence gets its own copy of the vector.
    /// </summary>
    public IReadOnlyList<float[]> EmbedKnowledge(IReadOnlyList<string> texts, EmbeddingKind kind)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var first = new Dictionary<string, int>(texts.Count, StringComparer.Ordinal);
        var distinct = new List<string>(texts.Count);
        var slots = new int[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            if (!first.TryGetValue(texts[i], out var slot))
            {
                slot = distinct.Count;
                first.Add(texts[i], slot);
                distinct.Add(texts[i]);
            }

            slots[i] = slot;
        }

        if (distinct.Count == texts.Count) return EmbedDistinct(texts, kind);
        var vectors = EmbedDistinct(distinct, kind);
        var given = new bool[distinct.Count];
        var results = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            var vector = vectors[slots[i]];
            results[i] = given[slots[i]] ? [.. vector] : vector;
            given[slots[i]] = true;
        }

        return results;
    }

    private IReadOnlyList<float[]> EmbedDistinct(IReadOnlyList<string> texts, EmbeddingKind kind)
    {
        if (_progress is null) return Embed(texts, kind);

        // Shortest first, as the encoder orders a batch, so steps of ProgressStep texts pad as little as one call would.
        Interlocked.Add(ref _total, texts.Count);
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        var vectors = new float[texts.Count][];
        for (var start = 0; start < order.Length; start += ProgressStep)
        {
            var step = order.AsSpan(start, Math.Min(ProgressStep, order.Length - start)).ToArray();
            var part = Embed([.. step.Select(i => texts[i])], kind);
            for (var j = 0; j < step.Length; j++) vectors[step[j]] = part[j];
            var done = Interlocked.Add(ref _done, step.Length);
            _progress(new EmbeddingProgress(done, Interlocked.Read(ref _total)));
        }

        return vectors;
    }

    private IReadOnlyList<float[]> Embed(IReadOnlyList<string> texts, EmbeddingKind kind) =>
        _cache is null ? Encoder.Encode(texts, kind) : _cache.GetOrEncode(Encoder, texts, kind, _time);

    /// <summary>The shared embedding handle of a member's message (computed on first use, never cached on disk).</summary>
    public MessageEmbedding Message(string text) => MessageEmbedding.For(Encoder, text);

    public void Dispose()
    {
        if (_ownsCache) _cache?.Dispose();
        if (_ownsEncoder) (Encoder as IDisposable)?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The vector cache at {Path} cannot be used; knowledge texts are embedded again on each load")]
    private static partial void LogNoCache(ILogger logger, Exception exception, string path);
}

using BotHost.Core.Pipeline;
using BotHost.Knowledge;
using BotHost.Knowledge.Semantics;
using BotHost.Knowledge.Validation;

namespace BotHost.Serve;

/// <summary>
/// The live knowledge base of <c>bothost serve</c>. A reload loads, validates and indexes the folder off the request
/// path and swaps the new version in atomically; a version with errors is never swapped in (the last good one keeps
/// serving and the errors are reported on /readyz and /metrics). The replaced version is disposed only after
/// <see cref="RetireAfter"/>, so requests that already hold it finish normally.
/// </summary>
public sealed class KnowledgeHost : IKnowledgeProvider, IDisposable
{
    public static readonly TimeSpan RetireAfter = TimeSpan.FromSeconds(30);

    private readonly KnowledgeOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _reloadGate = new();
    private readonly List<ITimer> _retiring = [];
    private KnowledgeBase _current;
    private IReadOnlyList<Diagnostic> _lastErrors = [];
    private IReadOnlyList<Diagnostic> _diagnostics;
    private KnowledgeReload? _lastReload;
    private long _reloads;
    private long _failedReloads;
    private TaskCompletionSource<KnowledgeReload> _nextReload = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private KnowledgeHost(KnowledgeOptions options, TimeProvider time, KnowledgeBase initial, IReadOnlyList<Diagnostic> diagnostics)
    {
        _options = options;
        _time = time;
        _current = initial;
        _diagnostics = diagnostics;
    }

    public KnowledgeBase Current => Volatile.Read(ref _current);

    /// <summary>How every version is loaded and how sure it must be to answer (the console shows the thresholds).</summary>
    public KnowledgeOptions Options => _options;

    /// <summary>The knowledge folder every reload reads.</summary>
    public string FolderPath => _options.Path;

    /// <summary>Errors of the last reload that was rejected; empty when the last reload succeeded.</summary>
    public IReadOnlyList<Diagnostic> LastErrors => Volatile.Read(ref _lastErrors);

    public long Reloads => Interlocked.Read(ref _reloads);

    public long FailedReloads => Interlocked.Read(ref _failedReloads);

    /// <summary>The warnings of the version being served (what <c>kb check</c> printed for it).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => Volatile.Read(ref _diagnostics);

    /// <summary>The last reload, accepted or rejected (the web console shows it); null before the first one.</summary>
    public KnowledgeReload? LastReload => Volatile.Read(ref _lastReload);

    /// <summary>
    /// Completes when the next reload has finished, accepted or rejected, with its outcome: a caller (the file watcher's
    /// tests, say) awaits a reload instead of polling for its effect. Read it before causing the reload.
    /// </summary>
    public Task<KnowledgeReload> NextReload => Volatile.Read(ref _nextReload).Task;

    /// <summary>Loads the first version; null (with the problems) when it has errors, so start-up stops.</summary>
    /// <param name="progress">Told how far embedding the knowledge texts has gone, during this first load only.</param>
    public static (KnowledgeHost? Host, IReadOnlyList<Diagnostic> Diagnostics) Start(KnowledgeOptions options, TimeProvider time,
        Action<EmbeddingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var embedder = options.Embedder;
        if (progress is not null && embedder is not null) options.Embedder = embedder.WithProgress(progress);
        KnowledgeLoadResult result;
        try
        {
            result = KnowledgeBase.Load(options, time);
        }
        finally
        {
            // Reloads use the options as they were: they report nothing.
            options.Embedder = embedder;
        }

        ReturnLoadingMemory();
        return (result.Knowledge is null ? null : new KnowledgeHost(options, time, result.Knowledge, result.Diagnostics), result.Diagnostics);
    }

    /// <summary>
    /// Gives the memory a load used and no longer needs back to the system. Loading builds far more than it keeps (the
    /// safety classifiers' training matrices, the index writer's buffers, the parsed files): the managed heap peaks near
    /// 160 MB for the shipped knowledge with 18 MB live after it, and the GC keeps what it committed for the peak, so a
    /// server stayed near 500 MB RSS. One compacting, decommitting collection after a load (and after an old version is
    /// disposed) returns it; it pauses the process once per load, tens of milliseconds for this heap
    /// (bench/BotHost.Benchmarks <c>memory</c> prints RSS and the heap after each step). The C heap keeps what the load
    /// freed natively too (about 35 MB for the shipped knowledge): <see cref="NativeHeap.Trim"/> returns it.
    /// </summary>
    private static void ReturnLoadingMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
    }

    /// <summary>Loads the folder again; swaps it in when valid. Returns the errors that kept it out (empty on success).</summary>
    public IReadOnlyList<Diagnostic> Reload()
    {
        lock (_reloadGate)
        {
            var result = KnowledgeBase.Load(_options, _time);
            if (result.Knowledge is null)
            {
                Interlocked.Increment(ref _failedReloads);
                var errors = result.Errors.ToList();
                Volatile.Write(ref _lastErrors, errors);
                Finished(new KnowledgeReload(_time.GetUtcNow(), Accepted: false, Current.Version, result.Diagnostics));
                return errors;
            }

            var old = Interlocked.Exchange(ref _current, result.Knowledge);
            Volatile.Write(ref _lastErrors, []);
            Volatile.Write(ref _diagnostics, result.Diagnostics);
            Interlocked.Increment(ref _reloads);
            Finished(new KnowledgeReload(_time.GetUtcNow(), Accepted: true, result.Knowledge.Version, result.Diagnostics));
            Retire(old);
            return [];
        }
    }

    /// <summary>Records the reload, then completes <see cref="NextReload"/> and arms it for the one after (under the reload gate).</summary>
    private void Finished(KnowledgeReload reload)
    {
        Volatile.Write(ref _lastReload, reload);
        var done = Interlocked.Exchange(ref _nextReload, new TaskCompletionSource<KnowledgeReload>(TaskCreationOptions.RunContinuationsAsynchronously));
        done.TrySetResult(reload);
    }

    private void Retire(KnowledgeBase old)
    {
        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            old.Dispose();
            ReturnLoadingMemory();
            lock (_retiring)
            {
                if (timer is not null) _retiring.Remove(timer);
            }

            timer?.Dispose();
        }, null, RetireAfter, Timeout.InfiniteTimeSpan);
        lock (_retiring) _retiring.Add(timer);
    }

    public void Dispose()
    {
        lock (_retiring)
        {
            foreach (var timer in _retiring) timer.Dispose();
            _retiring.Clear();
        }

        Current.Dispose();
    }
}

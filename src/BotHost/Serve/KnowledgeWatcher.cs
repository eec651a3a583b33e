namespace BotHost.Serve;

/// <summary>
/// Reloads the knowledge base when its files change (<c>Knowledge__Watch</c>, on by default), so maintainers' edits
/// reach members without a restart or a call to <c>/admin/reload</c>. File events are debounced
/// (<see cref="DefaultQuietPeriod"/> after the last one) and the reload runs on a timer thread, off the request path.
/// A version with errors is never swapped in (<see cref="KnowledgeHost.Reload"/>); the warning names the first error.
/// </summary>
internal sealed partial class KnowledgeWatcher : IHostedService, IDisposable
{
    public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromMilliseconds(500);

    /// <summary>What the knowledge loader reads: articles, hotlines and other YAML, evaluation sets.</summary>
    public static readonly IReadOnlyList<string> Patterns = ["*.md", "*.yaml", "*.yml", "*.tsv"];

    private readonly KnowledgeHost _knowledge;
    private readonly ILogger<KnowledgeWatcher> _logger;
    private readonly ReloadDebouncer _debouncer;
    private FileSystemWatcher? _watcher;

    public KnowledgeWatcher(KnowledgeHost knowledge, TimeProvider time, ILogger<KnowledgeWatcher> logger)
        : this(knowledge, time, logger, DefaultQuietPeriod)
    {
    }

    internal KnowledgeWatcher(KnowledgeHost knowledge, TimeProvider time, ILogger<KnowledgeWatcher> logger, TimeSpan quietPeriod)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        _knowledge = knowledge;
        _logger = logger;
        _debouncer = new ReloadDebouncer(time, quietPeriod, Reload);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = _knowledge.FolderPath;
        try
        {
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            foreach (var pattern in Patterns) watcher.Filters.Add(pattern);
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += OnChanged;
            watcher.Error += OnError;
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
            LogWatching(folder, _debouncer.QuietPeriod.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // Out of inotify watches, a network share...: serving goes on, reloads stay available through /admin/reload.
            LogCannotWatch(ex, folder);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A file changed (the watcher's events call this): reload once things are quiet.</summary>
    internal void Notify() => _debouncer.Notify();

    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
        _debouncer.Dispose();
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => Notify();

    private void OnError(object sender, ErrorEventArgs e)
    {
        // Usually the event buffer overflowed: changes were lost, so reload to be sure the served version is current.
        LogWatcherError(e.GetException());
        Notify();
    }

    /// <summary>Runs on a timer thread: a boundary, so every failure is logged and none escapes to crash the process.</summary>
    private void Reload()
    {
        try
        {
            var errors = _knowledge.Reload();
            var current = _knowledge.Current;
            if (errors.Count == 0)
            {
                LogSwapped(current.Version, current.Articles.Count);
                if (current.SkippedCacheWrites > 0) LogCacheLocked(current.SkippedCacheWrites, current.Embedder?.CachePath ?? "");
            }
            else LogRejected(errors.Count, current.Version, errors[0].ToString());
        }
        catch (Exception ex)
        {
            LogReloadFailed(ex, _knowledge.Current.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, EventId = 20, Message = "Watching the knowledge folder {Folder} for changes (reload {QuietMs} ms after the last change)")]
    private partial void LogWatching(string folder, double quietMs);

    [LoggerMessage(Level = LogLevel.Information, EventId = 21, Message = "Knowledge files changed: now serving version {Version} ({Articles} articles)")]
    private partial void LogSwapped(string version, int articles);

    [LoggerMessage(Level = LogLevel.Warning, EventId = 22,
        Message = "Knowledge files changed but the new version has {Count} error(s), so version {Version} keeps serving. First: {FirstError}")]
    private partial void LogRejected(int count, string version, string firstError);

    [LoggerMessage(Level = LogLevel.Error, EventId = 23, Message = "Reloading the changed knowledge files failed; version {Version} keeps serving")]
    private partial void LogReloadFailed(Exception exception, string version);

    [LoggerMessage(Level = LogLevel.Warning, EventId = 24, Message = "Cannot watch {Folder} for changes; reload with POST /admin/reload instead")]
    private partial void LogCannotWatch(Exception exception, string folder);

    [LoggerMessage(Level = LogLevel.Warning, EventId = 26, Message = ServeStartupLog.CacheLockedMessage)]
    private partial void LogCacheLocked(long count, string path);

    [LoggerMessage(Level = LogLevel.Warning, EventId = 25, Message = "The knowledge folder watcher reported an error; reloading to catch up")]
    private partial void LogWatcherError(Exception exception);
}

using BotHost.Core.Pipeline;
using BotHost.Core.State;
using Microsoft.Extensions.Logging;

namespace BotHost.Core.Analytics;

/// <summary>
/// The write side every <see cref="IAnalyticsStore"/> shares, so a reply never waits for the database: counts are added
/// up in memory (at most <see cref="MaxPendingKeys"/> counts and <see cref="MaxPendingQuestions"/> questions; past that
/// they are dropped and counted as <c>bothost_state_failures{operation="buffer_full"}</c>) and handed to the store's
/// batch writer once a <see cref="FlushInterval"/>, from the first count on (an idle process never wakes for it). A failed
/// write keeps the sums for the next one, counts the failure (<c>operation="flush"</c>), logs once per outage and makes
/// <see cref="Health"/> degraded with the reason; the first write that works again logs the recovery once.
/// </summary>
public sealed partial class AnalyticsWriteBuffer : IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    public const int MaxPendingKeys = 100_000;

    public const int MaxPendingQuestions = 10_000;

    private readonly string _store;
    private readonly Func<string> _where;
    private readonly BatchWriter _write;
    private readonly Func<Exception, string?> _failure;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BotMetrics? _metrics;
    private readonly Lock _buffer = new();
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private Dictionary<DailyCountKey, long> _counts = [];
    private List<StoredQuestion> _questions = [];
    private int _disposed;
    private long _failures;
    private long _dropped;
    private DateTimeOffset? _downSince;
    private string? _lastError;
    private string? _lastIncident;

    /// <summary>Writes one batch in one transaction; throws when the store cannot take it.</summary>
    public delegate void BatchWriter(IReadOnlyDictionary<DailyCountKey, long> counts, IReadOnlyList<StoredQuestion> questions);

    /// <param name="store">The engine's name, as <c>/readyz</c> and the metric label give it (<c>sqlite</c>, <c>postgresql</c>).</param>
    /// <param name="where">Where the data is, for <c>/readyz</c> and the log (read when needed: a path may come from options validated later).</param>
    /// <param name="write">The store's batch writer; it runs on one thread at a time.</param>
    /// <param name="failure">
    /// The one-line reason when an exception means the store cannot be written (the sums are kept and the next write tries
    /// again); null for anything else, which is a bug and is thrown.
    /// </param>
    public AnalyticsWriteBuffer(string store, Func<string> where, BatchWriter write, Func<Exception, string?> failure, TimeProvider time, ILogger logger,
        BotMetrics? metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(store);
        ArgumentNullException.ThrowIfNull(where);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_store, _where, _write, _failure, _time, _logger, _metrics) = (store, where, write, failure, time, logger, metrics);
    }

    /// <summary>The store's <c>/readyz</c> line: degraded since the first failed write of an outage, with its reason.</summary>
    public StateHealthReport Health
    {
        get
        {
            lock (_buffer)
            {
                var pending = _counts.Count + _questions.Count;
                if (_downSince is { } since)
                {
                    return new StateHealthReport(_store, false,
                        $"degraded since {since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({_lastError}); {pending} count(s) waiting, {_dropped} dropped");
                }

                return new StateHealthReport(_store, true, _lastIncident is null ? $"ok ({_where()})" : $"ok ({_where()}; {_lastIncident})");
            }
        }
    }

    /// <summary>Counts and questions waiting for the next write (bounded by <see cref="MaxPendingKeys"/> and <see cref="MaxPendingQuestions"/>).</summary>
    public int Pending
    {
        get
        {
            lock (_buffer) return _counts.Count + _questions.Count;
        }
    }

    public void Increment(DailyCountKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_buffer)
        {
            EnsureTimer();
            if (_counts.TryGetValue(key, out var count))
            {
                _counts[key] = count + 1;
                return;
            }

            if (_counts.Count < MaxPendingKeys)
            {
                _counts[key] = 1;
                return;
            }

            _dropped++;
        }

        _metrics?.StateFailed(_store, "buffer_full");
    }

    public void AddQuestion(StoredQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        lock (_buffer)
        {
            EnsureTimer();
            if (_questions.Count < MaxPendingQuestions)
            {
                _questions.Add(question);
                return;
            }

            _dropped++;
        }

        _metrics?.StateFailed(_store, "buffer_full");
    }

    /// <summary>Writes what is waiting now; throws when the store cannot take it (the sums are kept for the next write).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (FlushOnce() is { } failure) throw failure;
        }
    }

    /// <summary>Writes what is waiting, then reads, with no write of the timer's in between: a read sees every count made before it.</summary>
    public T FlushThen<T>(Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            if (FlushOnce() is { } failure) throw failure;
            return read();
        }
    }

    /// <summary>Stops the timer and writes what is left; what cannot be written is logged with its count, never thrown.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (_buffer) _timer?.Dispose();
        lock (_gate)
        {
            if (FlushOnce() is { } failure) LogLostAtShutdown(_logger, failure, _store, Pending);
        }
    }

    /// <summary>Called under the buffer's lock.</summary>
    private void EnsureTimer()
    {
        if (_timer is null && _disposed == 0) _timer = _time.CreateTimer(_ => TryFlush(), null, FlushInterval, FlushInterval);
    }

    /// <summary>The timer's write: a boundary, so a failure is counted and logged once per outage, never thrown.</summary>
    private void TryFlush()
    {
        if (!_gate.TryEnter()) return;
        try
        {
            FlushOnce();
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>One write of everything waiting; the failure (counted, logged once per outage) or null. Callers hold <see cref="_gate"/>.</summary>
    private Exception? FlushOnce()
    {
        Dictionary<DailyCountKey, long> counts;
        List<StoredQuestion> questions;
        lock (_buffer)
        {
            if (_counts.Count == 0 && _questions.Count == 0 && _downSince is null) return null;
            (counts, _counts) = (_counts, []);
            (questions, _questions) = (_questions, []);
        }

        try
        {
            _write(counts, questions);
            Succeeded();
            return null;
        }
        catch (Exception ex) when (_failure(ex) is { } reason)
        {
            Restore(counts, questions);
            Failed(ex, reason);
            return ex;
        }
    }

    /// <summary>Puts unwritten sums back in front of what arrived meanwhile, within the same bounds.</summary>
    private void Restore(Dictionary<DailyCountKey, long> counts, List<StoredQuestion> questions)
    {
        lock (_buffer)
        {
            foreach (var (key, count) in counts)
            {
                if (_counts.TryGetValue(key, out var newer)) _counts[key] = newer + count;
                else if (_counts.Count < MaxPendingKeys) _counts[key] = count;
                else _dropped++;
            }

            var room = Math.Max(0, MaxPendingQuestions - _questions.Count);
            _dropped += Math.Max(0, questions.Count - room);
            _questions.InsertRange(0, questions.Take(room));
        }
    }

    private void Succeeded()
    {
        lock (_buffer)
        {
            if (_downSince is not { } since) return;
            LogRecovered(_logger, _store, _failures);
            _lastIncident = $"last failure {since.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {_lastError}";
            _downSince = null;
        }
    }

    private void Failed(Exception exception, string reason)
    {
        _metrics?.StateFailed(_store, "flush");
        lock (_buffer)
        {
            _failures++;
            _lastError = reason;
            if (_downSince is not null) return;
            _downSince = _time.GetUtcNow();
            LogDown(_logger, exception, _store, _where());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The analytics database ({Store}, {Where}) cannot be written; counts are kept in memory and written when it can be")]
    private static partial void LogDown(ILogger logger, Exception exception, string store, string where);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The analytics database ({Store}) is written again after {Failures} failed write(s); the kept counts are written")]
    private static partial void LogRecovered(ILogger logger, string store, long failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "The analytics database ({Store}) could not be written at shutdown; {Pending} count(s) were lost")]
    private static partial void LogLostAtShutdown(ILogger logger, Exception exception, string store, int pending);
}

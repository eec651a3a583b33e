using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BotHost.Testing;

/// <summary>
/// Keeps every log entry (level, category, formatted message, structured values, exception) so tests can assert what
/// was logged, and above all what was not: member text must never appear at Information or above.
/// </summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, _entries);

    public ILogger<T> CreateLogger<T>() => new Logger<T>(new SingleProviderFactory(this));

    /// <summary>Every entry at <paramref name="minimum"/> or above whose message, values or exception contain <paramref name="text"/>.</summary>
    public IReadOnlyList<LogEntry> Containing(string text, LogLevel minimum = LogLevel.Information) =>
        [.. Entries.Where(e => e.Level >= minimum && e.Mentions(text))];

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => $"{p.Key}={p.Value}").ToList()
                : [];
            entries.Enqueue(new LogEntry(logLevel, category, eventId, formatter(state, exception), values, exception));
        }
    }

    private sealed class SingleProviderFactory(ILoggerProvider provider) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}

/// <summary>One recorded log entry.</summary>
public sealed record LogEntry(LogLevel Level, string Category, EventId EventId, string Message, IReadOnlyList<string> Values, Exception? Exception)
{
    public bool Mentions(string text) =>
        Message.Contains(text, StringComparison.OrdinalIgnoreCase)
        || Values.Any(v => v.Contains(text, StringComparison.OrdinalIgnoreCase))
        || (Exception?.ToString().Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
}

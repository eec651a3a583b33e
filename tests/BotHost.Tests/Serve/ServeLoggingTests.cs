using System.Diagnostics;
using System.Text.Json;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace BotHost.Tests.Serve;

/// <summary>
/// <c>Logging__Console__FormatterName=json</c>: a line logged inside a span, written by the host's own JSON console
/// formatter with the host's scope provider, carries the span's trace and span ids.
/// </summary>
public sealed partial class ServeLoggingTests : IAsyncLifetime, IDisposable
{
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"serve-logging-{Guid.NewGuid():N}.json");
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var db = Path.Combine(Path.GetTempPath(), $"bothost-serve-{Guid.NewGuid():N}.db").Replace("\\", "/", StringComparison.Ordinal);
        await File.WriteAllTextAsync(_config, $$"""
            { "Logging": { "Console": { "FormatterName": "json" } }, "Analytics": { "DatabasePath": "{{db}}" } }
            """);
        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, _config), new FakeTimeProvider(TestClock.Start));
        _app = app ?? throw new InvalidOperationException(string.Join('\n', problems));
    }

    [Fact]
    public void JsonFormat_LineLoggedInsideASpan_CarriesTheTraceAndSpanIds()
    {
        var formatter = _app.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
        using var capture = new JsonLineCapture(formatter);
        var factory = _app.Services.GetRequiredService<ILoggerFactory>();
        factory.AddProvider(capture);
        using var span = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

        var logger = factory.CreateLogger("BotHost.Test");
        LogReplied(logger, "slack");

        var line = JsonDocument.Parse(Assert.Single(capture.Lines)).RootElement;
        var scopes = line.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var id) && id.GetString() == span.TraceId.ToHexString());
        Assert.Contains(scopes, s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("SpanId", out var id) && id.GetString() == span.SpanId.ToHexString());
        Assert.Equal("slack", line.GetProperty("State").GetProperty("Platform").GetString());
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Replied on {Platform}")]
    private static partial void LogReplied(ILogger logger, string platform);

    public void Dispose()
    {
        File.Delete(_config);
        _folder.Dispose();
    }

    /// <summary>Formats each entry with the host's formatter and the factory's scopes, as the console logger does.</summary>
    private sealed class JsonLineCapture(ConsoleFormatter formatter) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(JsonLineCapture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel)) return;
                using var writer = new StringWriter();
                owner.Lines.Add(Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), writer));
            }

            private string Write<TState>(in LogEntry<TState> entry, StringWriter writer)
            {
                owner._formatter.Write(entry, owner._scopes, writer);
                return writer.ToString().Trim();
            }
        }

        private readonly ConsoleFormatter _formatter = formatter;
    }
}

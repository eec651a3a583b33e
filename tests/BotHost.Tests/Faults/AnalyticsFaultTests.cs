using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Runtime.Versioning;
using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Feedback;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Tests.Faults;

/// <summary>
/// The SQLite analytics file failing while the bot serves (issue #16, point 3): deleted, or made read-only. The reply
/// path never touches the file (counts wait in a bounded buffer written once a second), a failure is counted, logged
/// once per outage and shown on <c>/readyz</c> as degraded with the reason, and the counts are written when it can be.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class AnalyticsFaultTests : IDisposable
{
    private static readonly CommunitySettings Community = new();

    private readonly string _folder = Directory.CreateTempSubdirectory("bothost-analytics-faults-").FullName;
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly RecordingLoggerProvider _logs = new();
    private readonly BotMetrics _metrics = new();
    private readonly List<string> _failures = [];
    private readonly MeterListener _listener = new();

    public AnalyticsFaultTests()
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == _metrics.Meter && instrument.Name == "bothost_state_failures") l.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "operation") _failures.Add((string)tag.Value!);
            }
        });
        _listener.Start();
    }

    private string DbPath => Path.Combine(_folder, "analytics.db");

    private SqliteAnalyticsStore Sqlite() =>
        new(Options.Create(new AnalyticsOptions { DatabasePath = DbPath }), _time, _logs.CreateLogger<SqliteAnalyticsStore>(), _metrics);

    private static void Answer(GapAnalyticsStore gaps, string article = "grooming-signs") => gaps.OnReplied(
        new IncomingMessage { Platform = "slack", CommunityId = "T1", ChannelId = "C1", UserId = "U1", Text = "a question", Source = MessageSource.Mention },
        Community, Reply.Text(ReplyKind.Answer, ReplyVisibility.Public, "an answer") with { Feedback = new FeedbackTarget(article, ReplyKind.Answer) });

    private IReadOnlyList<LogEntry> Errors => [.. _logs.Entries.Where(e => e.Level >= LogLevel.Error)];

    [Fact]
    public void OnReplied_BeforeTheFlushInterval_DoesNotTouchTheFile()
    {
        using var sqlite = Sqlite();
        using var gaps = new GapAnalyticsStore(sqlite, _time, _logs.CreateLogger<GapAnalyticsStore>());

        Answer(gaps);
        Answer(gaps);

        Assert.False(File.Exists(DbPath));
        Assert.Equal(1, sqlite.Pending);
        _time.Advance(AnalyticsWriteBuffer.FlushInterval);
        Assert.True(File.Exists(DbPath));
        Assert.Equal(0, sqlite.Pending);
        Assert.Equal(2, Assert.Single(gaps.Report(1).Articles).Answered);
    }

    [Fact]
    public void Flush_FileDeletedWhileServing_ReportedOnceThenANewFileKeepsCounting()
    {
        using var sqlite = Sqlite();
        using var gaps = new GapAnalyticsStore(sqlite, _time, _logs.CreateLogger<GapAnalyticsStore>());
        Answer(gaps);
        _time.Advance(AnalyticsWriteBuffer.FlushInterval);

        File.Delete(DbPath);
        Answer(gaps);
        Answer(gaps);
        _time.Advance(AnalyticsWriteBuffer.FlushInterval);

        var down = sqlite.Health;
        Assert.False(down.Healthy);
        Assert.Contains("deleted", down.Detail, StringComparison.Ordinal);
        Assert.Contains("1 count(s) waiting", down.Detail, StringComparison.Ordinal);
        Assert.Single(Errors);
        Assert.Equal(["flush"], _failures);

        _time.Advance(AnalyticsWriteBuffer.FlushInterval);

        var up = sqlite.Health;
        Assert.True(up.Healthy);
        Assert.Contains("deleted", up.Detail, StringComparison.Ordinal);
        Assert.True(File.Exists(DbPath));
        Assert.Equal(2, Assert.Single(gaps.Report(1).Articles).Answered);
        Assert.Single(Errors);
    }

    [Fact]
    public async Task Flush_FileMadeReadOnlyWhileServing_DegradedLoggedOnceAndNoCountLost()
    {
        using var sqlite = Sqlite();
        using var gaps = new GapAnalyticsStore(sqlite, _time, _logs.CreateLogger<GapAnalyticsStore>());
        Answer(gaps);
        _time.Advance(AnalyticsWriteBuffer.FlushInterval);

        await MakeReadOnlyAsync(DbPath);
        try
        {
            for (var second = 0; second < 5; second++)
            {
                Answer(gaps);
                await gaps.RecordAsync("discord", "G1", "grooming-signs", helpful: true, CancellationToken.None);
                _time.Advance(AnalyticsWriteBuffer.FlushInterval);
            }

            var down = sqlite.Health;
            Assert.False(down.Healthy);
            Assert.Contains("readonly", down.Detail, StringComparison.OrdinalIgnoreCase);
            Assert.Single(Errors);
            Assert.Equal(5, _failures.Count);
        }
        finally
        {
            await MakeWritableAsync(DbPath);
        }

        _time.Advance(AnalyticsWriteBuffer.FlushInterval);

        Assert.True(sqlite.Health.Healthy);
        var row = Assert.Single(gaps.Report(1).Articles);
        Assert.Equal(6, row.Answered);
        Assert.Equal(5, row.Helpful);
        Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning && e.Category.EndsWith(nameof(SqliteAnalyticsStore), StringComparison.Ordinal));
    }

    [Fact]
    public void Increment_100000DistinctKeysWhileTheFileIsUnwritable_PendingStaysUnderTheBound()
    {
        Directory.CreateDirectory(DbPath); // a directory where the file should be: no write can succeed
        using var sqlite = Sqlite();

        for (var i = 0; i < 100_000; i++)
        {
            sqlite.Increment(new DailyCountKey(DateOnly.FromDateTime(TestClock.Start.UtcDateTime), "discord", $"G{i}", $"article-{i}", "answered"));
            if (i % 20_000 == 0) _time.Advance(AnalyticsWriteBuffer.FlushInterval);
        }

        for (var i = 0; i < 20_000; i++)
        {
            sqlite.AddQuestion(new StoredQuestion(TestClock.Start, TestClock.Start.AddDays(1), "discord", $"G{i}", "question"));
        }

        Assert.True(sqlite.Pending <= AnalyticsWriteBuffer.MaxPendingKeys + AnalyticsWriteBuffer.MaxPendingQuestions, $"{sqlite.Pending} pending");
        Assert.False(sqlite.Health.Healthy);
        Assert.Contains("dropped", sqlite.Health.Detail, StringComparison.Ordinal);
        Assert.Contains("buffer_full", _failures);
        Assert.Single(Errors);
    }

    [Fact]
    public async Task Readyz_AnalyticsPathUnwritableWhileServing_StaysReadyAndSaysDegradedWithTheReason()
    {
        using var knowledge = SampleKnowledge.Create();
        var config = Path.Combine(_folder, "config.json");
        await File.WriteAllTextAsync(config, $$"""{ "Analytics": { "DatabasePath": "{{DbPath.Replace("\\", "/", StringComparison.Ordinal)}}" }, "Knowledge": { "Watch": "false" } }""");
        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", knowledge.Path, config), _time);
        await using var served = app ?? throw new InvalidOperationException(string.Join('\n', problems));
        served.Services.GetRequiredService<ILoggerFactory>().AddProvider(_logs);
        await served.StartAsync();
        Directory.CreateDirectory(DbPath); // a folder where the file should go, after the start's validation: no write can succeed
        using var http = new HttpClient { BaseAddress = new Uri(served.Urls.First()) };

        // The feedback recorder is what a Discord or Slack "helpful" click calls: it must not throw.
        var feedback = served.Services.GetRequiredService<IFeedbackRecorder>();
        for (var i = 0; i < 3; i++)
        {
            await feedback.RecordAsync("discord", "G1", "grooming-signs", helpful: false, CancellationToken.None);
            _time.Advance(AnalyticsWriteBuffer.FlushInterval);
        }

        using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("sqlite: degraded since", text, StringComparison.Ordinal);
        Assert.Single(_logs.Entries, e => e.Level >= LogLevel.Error && e.Category.EndsWith(nameof(SqliteAnalyticsStore), StringComparison.Ordinal));
        await served.StopAsync();
    }

    /// <summary>
    /// chmod 0444; as root permission bits do not stop a write, so the file is also made immutable (<c>chattr +i</c>),
    /// which stops root too.
    /// </summary>
    private static async Task MakeReadOnlyAsync(string path)
    {
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        if (Environment.IsPrivilegedProcess) await ChattrAsync("+i", path);
    }

    private static async Task MakeWritableAsync(string path)
    {
        if (Environment.IsPrivilegedProcess) await ChattrAsync("-i", path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private static async Task ChattrAsync(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("chattr did not start");
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"chattr {flag}: {await process.StandardError.ReadToEndAsync()}");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
        _logs.Dispose();
        if (File.Exists(DbPath)) File.SetUnixFileMode(DbPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.Delete(_folder, recursive: true);
    }
}

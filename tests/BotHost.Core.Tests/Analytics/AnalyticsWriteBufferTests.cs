using BotHost.Core.Analytics;
using BotHost.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace BotHost.Core.Tests.Analytics;

/// <summary>The write side both analytics stores share: sums kept through failed writes, one log per outage, bugs thrown.</summary>
public sealed class AnalyticsWriteBufferTests : IDisposable
{
    private static readonly DailyCountKey Key = new(new DateOnly(2026, 12, 6), "slack", "T1", "grooming", "answered");
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly FakeLogger _logger = new();
    private readonly List<long> _written = [];
    private Exception? _next;
    private AnalyticsWriteBuffer? _buffer;

    private AnalyticsWriteBuffer Buffer() => _buffer ??= new AnalyticsWriteBuffer("test", () => "here", Write, Reason, _time, _logger, metrics: null);

    private void Write(IReadOnlyDictionary<DailyCountKey, long> counts, IReadOnlyList<StoredQuestion> questions)
    {
        if (_next is { } failure) throw failure;
        _written.Add(counts.GetValueOrDefault(Key));
    }

    private static string? Reason(Exception exception) => exception is IOException ? "disk gone" : null;

    [Fact]
    public void Flush_StoreFailsTwiceThenWorks_KeepsTheSumsLogsOnceAndReportsDegradedThenOk()
    {
        var buffer = Buffer();
        _next = new IOException("disk gone");
        buffer.Increment(Key);
        _time.Advance(AnalyticsWriteBuffer.FlushInterval);
        buffer.Increment(Key);
        _time.Advance(AnalyticsWriteBuffer.FlushInterval);

        var down = buffer.Health;
        _next = null;
        buffer.Flush();

        Assert.False(down.Healthy);
        Assert.StartsWith("degraded since", down.Detail, StringComparison.Ordinal);
        Assert.Contains("(disk gone); 1 count(s) waiting, 0 dropped", down.Detail, StringComparison.Ordinal);
        Assert.Equal([2L], _written);
        Assert.True(buffer.Health.Healthy);
        Assert.Contains("last failure", buffer.Health.Detail, StringComparison.Ordinal);
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Single(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
    }

    [Fact]
    public void Flush_WriterThrowsSomethingNotAStoreFailure_ThrowsIt()
    {
        var buffer = Buffer();
        _next = new InvalidOperationException("a bug");
        buffer.Increment(Key);

        Assert.Throws<InvalidOperationException>(buffer.Flush);
    }

    [Fact]
    public void Increment_100000DistinctKeysWhileTheStoreIsDown_StaysUnderTheBoundAndCountsTheDropped()
    {
        var buffer = Buffer();
        _next = new IOException("disk gone");
        for (var i = 0; i < 100_000 + 10; i++)
        {
            buffer.Increment(Key with { Article = $"a{i}" });
            if (i % 20_000 == 0) _time.Advance(AnalyticsWriteBuffer.FlushInterval);
        }

        _time.Advance(AnalyticsWriteBuffer.FlushInterval);

        Assert.True(buffer.Pending <= AnalyticsWriteBuffer.MaxPendingKeys, $"{buffer.Pending} pending");
        Assert.Contains("10 dropped", buffer.Health.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_StoreDown_LogsTheLostCountInsteadOfThrowing()
    {
        var buffer = Buffer();
        _next = new IOException("disk gone");
        buffer.Increment(Key);

        buffer.Dispose();

        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.Contains("1 count(s) were lost", StringComparison.Ordinal));
    }

    public void Dispose() => _buffer?.Dispose();
}

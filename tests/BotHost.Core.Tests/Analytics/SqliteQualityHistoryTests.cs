using BotHost.Core.Analytics;
using BotHost.Testing;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Tests.Analytics;

public sealed class SqliteQualityHistoryTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"bothost-quality-{Guid.NewGuid():N}.db");
    private readonly SqliteQualityHistory _history;

    public SqliteQualityHistoryTests() => _history = new SqliteQualityHistory(Options.Create(new AnalyticsOptions { DatabasePath = _database }));

    [Fact]
    public void Record_TwoVersions_GivesTheirFiguresOldestFirstAndEachOnesOutcomes()
    {
        _history.Record("v1", TestClock.Start, [Set(0.9, "answered thorn")]);
        _history.Record("v2", TestClock.Start.AddMinutes(1), [Set(0.8, "declined")]);

        var versions = _history.Versions(12);

        Assert.Equal(["v1", "v2"], versions.Select(v => v.Version));
        Assert.Equal(0.9, versions[0].Value("questions.tsv", "recall_at_1"));
        Assert.Equal("answered thorn", _history.Outcomes("v1")[("questions.tsv", 2)].Outcome);
        Assert.Equal("declined", _history.Outcomes("v2")[("questions.tsv", 2)].Outcome);
    }

    [Fact]
    public void Record_SameVersionAgain_KeepsItsFirstRecord()
    {
        _history.Record("v1", TestClock.Start, [Set(0.9, "answered thorn")]);

        _history.Record("v1", TestClock.Start.AddHours(1), [Set(0.1, "declined")]);

        Assert.Equal(0.9, Assert.Single(_history.Versions(12)).Value("questions.tsv", "recall_at_1"));
    }

    [Fact]
    public void Record_MoreThanTheKeptVersions_ForgetsTheOldest()
    {
        for (var i = 0; i <= IQualityHistory.KeptVersions; i++) _history.Record($"v{i}", TestClock.Start.AddMinutes(i), [Set(0.5, "declined")]);

        var versions = _history.Versions(100);

        Assert.Equal(IQualityHistory.KeptVersions, versions.Count);
        Assert.Equal("v1", versions[0].Version);
        Assert.Empty(_history.Outcomes("v0"));
    }

    public void Dispose()
    {
        _history.Dispose();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_database)!, Path.GetFileName(_database) + "*")) File.Delete(file);
    }

    private static EvalSetResult Set(double recall, string outcome) =>
        new("questions.tsv", EvalSetKind.Questions, 1, [new EvalFigure("recall_at_1", recall)], [new EvalLineOutcome(2, "who started thorn", outcome)], [], 0, []);
}

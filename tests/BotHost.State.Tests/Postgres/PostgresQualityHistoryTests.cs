using BotHost.Console.Quality;
using BotHost.Core.Analytics;
using BotHost.Knowledge;
using BotHost.Serve;
using BotHost.State.Postgres;
using BotHost.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BotHost.State.Tests.Postgres;

/// <summary>
/// The console Quality page's history in PostgreSQL (issue #18): it reads as the SQLite history does, replicas recording
/// one version at once keep one record, the oldest versions go, and with PostgreSQL unreachable the page still has the
/// served version's figures.
/// </summary>
public sealed class PostgresQualityHistoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bothost-quality-").FullName;

    [PostgresFact]
    public async Task Record_TwoVersions_PostgresReadsAsSqliteDoes()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var source = db.Open();
        using var sqlite = new SqliteQualityHistory(Options.Create(new AnalyticsOptions { DatabasePath = Path.Combine(_folder, "analytics.db") }));
        IQualityHistory[] stores = [new PostgresQualityHistory(source), sqlite];
        foreach (var store in stores)
        {
            store.Record("v1", TestClock.Start, [Set("questions.tsv", 0.9, "answered thorn"), Set("urgent.tsv", 1.0, "urgent self-harm")]);
            store.Record("v2", TestClock.Start.AddMinutes(1), [Set("questions.tsv", 0.8, "declined")]);
        }

        var (postgres, embedded) = (stores[0], stores[1]);

        Assert.Equal(["v1", "v2"], postgres.Versions(12).Select(v => v.Version));
        Assert.Equal(0.9, postgres.Versions(12)[0].Value("questions.tsv", "recall_at_1"));
        Assert.Equal(embedded.Versions(12).Select(Flat), postgres.Versions(12).Select(Flat));
        Assert.Equal(embedded.Versions(1).Select(Flat), postgres.Versions(1).Select(Flat));
        Assert.Equal(embedded.Outcomes("v1").OrderBy(o => o.Key), postgres.Outcomes("v1").OrderBy(o => o.Key));
        Assert.Equal("declined", postgres.Outcomes("v2")[("questions.tsv", 2)].Outcome);
        Assert.Empty(postgres.Outcomes("v3"));
    }

    [PostgresFact]
    public async Task Record_SameVersionFromTwoReplicasAtOnce_KeepsOneWholeRecord()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var a = db.Open();
        await using var b = db.Open();
        await PostgresMigrations.ApplyAsync(a, default);
        var first = new PostgresQualityHistory(a);
        var second = new PostgresQualityHistory(b);

        await Task.WhenAll(
            Task.Run(() => first.Record("v1", TestClock.Start, [Set("questions.tsv", 0.9, "answered thorn")])),
            Task.Run(() => second.Record("v1", TestClock.Start.AddSeconds(1), [Set("questions.tsv", 0.1, "declined")])));

        var version = Assert.Single(first.Versions(12));
        var outcome = first.Outcomes("v1")[("questions.tsv", 2)].Outcome;
        Assert.Equal(version.Value("questions.tsv", "recall_at_1") == 0.9 ? "answered thorn" : "declined", outcome);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM eval_figures"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM eval_outcomes"));
    }

    [PostgresFact]
    public async Task Record_MoreThanTheKeptVersions_ForgetsTheOldestWithItsFiguresAndOutcomes()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var source = db.Open();
        var history = new PostgresQualityHistory(source);

        for (var i = 0; i <= IQualityHistory.KeptVersions; i++) history.Record($"v{i}", TestClock.Start.AddMinutes(i), [Set("questions.tsv", 0.5, "declined")]);

        var versions = history.Versions(100);
        Assert.Equal(IQualityHistory.KeptVersions, versions.Count);
        Assert.Equal("v1", versions[0].Version);
        Assert.Empty(history.Outcomes("v0"));
        Assert.Equal(IQualityHistory.KeptVersions, await db.ScalarAsync("SELECT count(*) FROM eval_figures"));
        Assert.Equal(IQualityHistory.KeptVersions, await db.ScalarAsync("SELECT count(*) FROM eval_outcomes"));
    }

    [PostgresFact]
    public async Task CurrentAsync_HistoryInPostgres_RecordsTheServedVersionThere()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using var source = db.Open();
        using var folder = KnowledgeWithEval();
        using var knowledge = Knowledge(folder);

        var report = await new QualityService(knowledge, new PostgresQualityHistory(source), new FakeTimeProvider(TestClock.Start)).CurrentAsync();

        Assert.Null(report.HistoryProblem);
        Assert.Equal(knowledge.Current.Version, Assert.Single(report.History).Version);
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM eval_versions"));
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM eval_outcomes WHERE set_name = 'questions.tsv'"));
    }

    [Fact]
    public async Task CurrentAsync_PostgresUnreachable_ServedFiguresWithTheReasonAndMeasuredAgainNextTime()
    {
        using var source = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=bothost;Database=none;Timeout=2");
        using var folder = KnowledgeWithEval();
        using var knowledge = Knowledge(folder);
        var quality = new QualityService(knowledge, new PostgresQualityHistory(source), new FakeTimeProvider(TestClock.Start));

        var report = await quality.CurrentAsync();
        var again = await quality.CurrentAsync();

        Assert.StartsWith("NpgsqlException", report.HistoryProblem, StringComparison.Ordinal);
        var served = Assert.Single(report.History);
        Assert.Equal(knowledge.Current.Version, served.Version);
        Assert.Equal(report.Sets.Single(s => s.Name == "questions.tsv").Figures.Single(f => f.Name == "recall_at_1").Value, served.Value("questions.tsv", "recall_at_1"));
        Assert.Null(report.PreviousVersion);
        Assert.NotSame(report, again);
    }

    [Theory]
    [InlineData(true, typeof(PostgresQualityHistory))]
    [InlineData(false, typeof(SqliteQualityHistory))]
    public async Task Build_ConsoleOn_HistoryWhereTheAnalyticsAre(bool postgres, Type expected)
    {
        using var folder = SampleKnowledge.Create();
        var config = Path.Combine(_folder, "serve.json");
        var analytics = postgres
            ? "\"ConnectionString\": \"Host=127.0.0.1;Port=1;Username=bothost;Database=none\""
            : $"\"DatabasePath\": \"{Path.Combine(_folder, "analytics.db")}\"";
        await File.WriteAllTextAsync(config, $$"""{ "Console": { "Enabled": "true" }, "Analytics": { {{analytics}} }, "Knowledge": { "Watch": "false" } }""");

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", folder.Path, config), new FakeTimeProvider(TestClock.Start));
        await using var built = app ?? throw new InvalidOperationException(string.Join('\n', problems));

        Assert.IsType(expected, built.Services.GetRequiredService<IQualityHistory>());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TempKnowledgeFolder KnowledgeWithEval()
    {
        var folder = SampleKnowledge.Create();
        folder.WriteFile("eval/questions.tsv", "# question\texpected\nwhat is sextortion\tsextortion\nsigns of grooming online\tgrooming-signs\n");
        return folder;
    }

    private static KnowledgeHost Knowledge(TempKnowledgeFolder folder) =>
        KnowledgeHost.Start(new KnowledgeOptions { Path = folder.Path }, TimeProvider.System).Host ?? throw new InvalidOperationException("the sample knowledge has errors");

    private static string Flat(VersionFigures version) =>
        $"{version.Version}@{version.At:O}: " + string.Join(", ", version.Figures.Select(f => $"{f.Set}/{f.Figure.Name}={f.Figure.Value}"));

    private static EvalSetResult Set(string name, double recall, string outcome) =>
        new(name, EvalSetKind.Questions, 1, [new EvalFigure("recall_at_1", recall)], [new EvalLineOutcome(2, "who started thorn", outcome)], [], 0, []);
}

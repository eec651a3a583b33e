using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Analytics;

/// <summary>
/// The embedded <see cref="IQualityHistory"/>: tables of its own in the analytics SQLite file
/// (<see cref="AnalyticsOptions.DatabasePath"/>), beside the gap counts.
/// </summary>
public sealed class SqliteQualityHistory(IOptions<AnalyticsOptions> options) : IQualityHistory, IDisposable
{
    private readonly Lock _gate = new();
    private SqliteConnection? _connection;

    static SqliteQualityHistory() => SQLitePCL.Batteries_V2.Init();

    public void Record(string version, DateTimeOffset at, IReadOnlyList<EvalSetResult> sets)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(sets);
        lock (_gate)
        {
            var connection = Connection();
            using var transaction = connection.BeginTransaction();
            if (Execute(connection, transaction, "INSERT OR IGNORE INTO eval_versions (version, at) VALUES ($v, $at)", ("$v", version), ("$at", Stamp(at))) == 0) return;
            foreach (var set in sets)
            {
                foreach (var figure in set.Figures)
                {
                    Execute(connection, transaction, "INSERT OR REPLACE INTO eval_figures (version, set_name, figure, value) VALUES ($v, $s, $f, $x)",
                        ("$v", version), ("$s", set.Name), ("$f", figure.Name), ("$x", figure.Value));
                }

                foreach (var outcome in set.Outcomes)
                {
                    Execute(connection, transaction, "INSERT OR REPLACE INTO eval_outcomes (version, set_name, line, question, outcome) VALUES ($v, $s, $l, $q, $o)",
                        ("$v", version), ("$s", set.Name), ("$l", outcome.Line), ("$q", outcome.Question), ("$o", outcome.Outcome));
                }
            }

            Execute(connection, transaction, $"""
                DELETE FROM eval_figures WHERE version NOT IN (SELECT version FROM eval_versions ORDER BY at DESC LIMIT {IQualityHistory.KeptVersions});
                DELETE FROM eval_outcomes WHERE version NOT IN (SELECT version FROM eval_versions ORDER BY at DESC LIMIT {IQualityHistory.KeptVersions});
                DELETE FROM eval_versions WHERE version NOT IN (SELECT version FROM eval_versions ORDER BY at DESC LIMIT {IQualityHistory.KeptVersions});
                """);
            transaction.Commit();
        }
    }

    public IReadOnlyList<VersionFigures> Versions(int count)
    {
        lock (_gate)
        {
            var connection = Connection();
            var versions = new List<(string Version, string At)>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT version, at FROM eval_versions ORDER BY at DESC, rowid DESC LIMIT $n";
                command.Parameters.AddWithValue("$n", count);
                using var reader = command.ExecuteReader();
                while (reader.Read()) versions.Add((reader.GetString(0), reader.GetString(1)));
            }

            versions.Reverse();
            var result = new List<VersionFigures>();
            foreach (var (version, at) in versions)
            {
                var figures = new List<(string Set, EvalFigure Figure)>();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT set_name, figure, value FROM eval_figures WHERE version = $v ORDER BY set_name, figure";
                command.Parameters.AddWithValue("$v", version);
                using var reader = command.ExecuteReader();
                while (reader.Read()) figures.Add((reader.GetString(0), new EvalFigure(reader.GetString(1), reader.GetDouble(2))));
                result.Add(new VersionFigures(version, DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), figures));
            }

            return result;
        }
    }

    public IReadOnlyDictionary<(string Set, int Line), EvalLineOutcome> Outcomes(string version)
    {
        lock (_gate)
        {
            var outcomes = new Dictionary<(string, int), EvalLineOutcome>();
            using var command = Connection().CreateCommand();
            command.CommandText = "SELECT set_name, line, question, outcome FROM eval_outcomes WHERE version = $v";
            command.Parameters.AddWithValue("$v", version);
            using var reader = command.ExecuteReader();
            while (reader.Read()) outcomes[(reader.GetString(0), reader.GetInt32(1))] = new EvalLineOutcome(reader.GetInt32(1), reader.GetString(2), reader.GetString(3));
            return outcomes;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }

    private SqliteConnection Connection()
    {
        if (_connection is not null) return _connection;
        var path = options.Value.DatabasePath;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, null, """
            PRAGMA journal_mode = WAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS eval_versions (version TEXT PRIMARY KEY, at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS eval_figures (version TEXT NOT NULL, set_name TEXT NOT NULL, figure TEXT NOT NULL, value REAL NOT NULL,
              PRIMARY KEY (version, set_name, figure));
            CREATE TABLE IF NOT EXISTS eval_outcomes (version TEXT NOT NULL, set_name TEXT NOT NULL, line INTEGER NOT NULL, question TEXT NOT NULL,
              outcome TEXT NOT NULL, PRIMARY KEY (version, set_name, line));
            """);
        return _connection = connection;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}

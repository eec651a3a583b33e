using BotHost.Core.Analytics;
using Npgsql;
using NpgsqlTypes;

namespace BotHost.State.Postgres;

/// <summary>
/// <see cref="IQualityHistory"/> in the analytics PostgreSQL database (<c>Analytics__ConnectionString</c>), so every
/// replica charts one history: tables <c>eval_versions</c>, <c>eval_figures</c> and <c>eval_outcomes</c> (migration
/// <c>0002_quality_history</c>, applied before the first use). Two replicas measuring the same version at once record it
/// once: the second insert of the version finds the first's row and writes nothing.
/// </summary>
public sealed class PostgresQualityHistory(NpgsqlDataSource database) : IQualityHistory
{
    private bool _migrated;

    public void Record(string version, DateTimeOffset at, IReadOnlyList<EvalSetResult> sets)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(sets);
        PostgresMigrations.Ensure(database, ref _migrated);
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var insert = new NpgsqlCommand("INSERT INTO eval_versions (version, at) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = version });
            insert.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            if (insert.ExecuteNonQuery() == 0) return;
        }

        var figures = sets.SelectMany(s => s.Figures.Select(f => (Set: s.Name, Figure: f))).ToList();
        using (var command = new NpgsqlCommand("""
            INSERT INTO eval_figures (version, set_name, figure, value)
            SELECT $1, * FROM unnest($2::text[], $3::text[], $4::double precision[]) ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = version });
            command.Parameters.Add(new NpgsqlParameter { Value = figures.Select(f => f.Set).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = figures.Select(f => f.Figure.Name).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = figures.Select(f => f.Figure.Value).ToArray() });
            command.ExecuteNonQuery();
        }

        var outcomes = sets.SelectMany(s => s.Outcomes.Select(o => (Set: s.Name, Outcome: o))).ToList();
        using (var command = new NpgsqlCommand("""
            INSERT INTO eval_outcomes (version, set_name, line, question, outcome)
            SELECT $1, * FROM unnest($2::text[], $3::integer[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = version });
            command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Set).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Outcome.Line).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Outcome.Question).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Outcome.Outcome).ToArray() });
            command.ExecuteNonQuery();
        }

        // Figures and outcomes of the versions past the kept ones go with them (ON DELETE CASCADE).
        using (var prune = new NpgsqlCommand("""
            DELETE FROM eval_versions WHERE version NOT IN (SELECT version FROM eval_versions ORDER BY at DESC, seq DESC LIMIT $1)
            """, connection, transaction))
        {
            prune.Parameters.Add(new NpgsqlParameter { Value = IQualityHistory.KeptVersions });
            prune.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public IReadOnlyList<VersionFigures> Versions(int count)
    {
        PostgresMigrations.Ensure(database, ref _migrated);
        var versions = new List<(string Version, DateTimeOffset At, List<(string Set, EvalFigure Figure)> Figures)>();
        using (var command = database.CreateCommand("SELECT version, at FROM eval_versions ORDER BY at DESC, seq DESC LIMIT $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = count });
            using var reader = command.ExecuteReader();
            while (reader.Read()) versions.Add((reader.GetString(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), []));
        }

        versions.Reverse();
        if (versions.Count == 0) return [];
        var byVersion = versions.ToDictionary(v => v.Version, v => v.Figures, StringComparer.Ordinal);
        using (var command = database.CreateCommand("""
            SELECT version, set_name, figure, value FROM eval_figures WHERE version = ANY($1) ORDER BY version, set_name, figure
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = byVersion.Keys.ToArray() });
            using var reader = command.ExecuteReader();
            while (reader.Read()) byVersion[reader.GetString(0)].Add((reader.GetString(1), new EvalFigure(reader.GetString(2), reader.GetDouble(3))));
        }

        return [.. versions.Select(v => new VersionFigures(v.Version, v.At, v.Figures))];
    }

    public IReadOnlyDictionary<(string Set, int Line), EvalLineOutcome> Outcomes(string version)
    {
        PostgresMigrations.Ensure(database, ref _migrated);
        var outcomes = new Dictionary<(string, int), EvalLineOutcome>();
        using var command = database.CreateCommand("SELECT set_name, line, question, outcome FROM eval_outcomes WHERE version = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        using var reader = command.ExecuteReader();
        while (reader.Read()) outcomes[(reader.GetString(0), reader.GetInt32(1))] = new EvalLineOutcome(reader.GetInt32(1), reader.GetString(2), reader.GetString(3));
        return outcomes;
    }
}

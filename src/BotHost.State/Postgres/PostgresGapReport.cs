using System.Globalization;
using BotHost.Core.Analytics;
using Npgsql;
using NpgsqlTypes;

namespace BotHost.State.Postgres;

/// <summary>
/// The <c>kb gaps</c> report and the console's reads from PostgreSQL: the same queries as the SQLite store, in
/// PostgreSQL's types.
/// </summary>
internal static class PostgresGapReport
{
    public static GapReport Read(NpgsqlDataSource database, DateOnly since, DateTimeOffset now)
    {
        var articles = new List<GapArticleRow>();
        var declined = new List<GapDayRow>();
        var questions = new List<GapQuestionRow>();
        using (var command = database.CreateCommand("""
            SELECT article,
                   SUM(CASE kind WHEN 'answered' THEN count ELSE 0 END)::bigint,
                   SUM(CASE kind WHEN 'helpful' THEN count ELSE 0 END)::bigint,
                   SUM(CASE kind WHEN 'not_helpful' THEN count ELSE 0 END)::bigint
            FROM daily_counts WHERE day >= $1 AND article <> '' GROUP BY article ORDER BY 2 DESC, article
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = since });
            using var reader = command.ExecuteReader();
            while (reader.Read()) articles.Add(new GapArticleRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        using (var command = database.CreateCommand("SELECT day, SUM(count)::bigint FROM daily_counts WHERE day >= $1 AND kind = 'declined' GROUP BY day ORDER BY day"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = since });
            using var reader = command.ExecuteReader();
            while (reader.Read()) declined.Add(new GapDayRow(Day(reader.GetFieldValue<DateOnly>(0)), reader.GetInt64(1)));
        }

        using (var command = database.CreateCommand("SELECT at, platform, community, text FROM declined_questions WHERE expires > $1 ORDER BY at DESC LIMIT 100"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                questions.Add(new GapQuestionRow(Stamp(reader.GetFieldValue<DateTime>(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        return new GapReport(articles, declined, questions);
    }

    public static IReadOnlyList<DailyCount> Counts(NpgsqlDataSource database, DateOnly since, string? platform, string? community)
    {
        var counts = new List<DailyCount>();
        using var command = database.CreateCommand("""
            SELECT day, platform, community, article, kind, count FROM daily_counts
            WHERE day >= $1 AND ($2::text IS NULL OR (platform = $2 AND community = $3))
            ORDER BY day, platform, community, kind, article
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)platform ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)community ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts.Add(new DailyCount(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt64(5)));
        }

        return counts;
    }

    public static IReadOnlyList<GapQuestionRow> Questions(NpgsqlDataSource database, string platform, string community, DateTimeOffset now, int limit)
    {
        var questions = new List<GapQuestionRow>();
        using var command = database.CreateCommand("""
            SELECT at, platform, community, text FROM declined_questions
            WHERE platform = $1 AND community = $2 AND expires > $3 ORDER BY at DESC LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = platform });
        command.Parameters.Add(new NpgsqlParameter { Value = community });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        using var reader = command.ExecuteReader();
        while (reader.Read()) questions.Add(new GapQuestionRow(Stamp(reader.GetFieldValue<DateTime>(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return questions;
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Stamp(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

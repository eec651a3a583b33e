using System.Globalization;
using BotHost.Core.Analytics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace BotHost.Console.Gaps;

/// <summary>
/// Reads the SQLite analytics file that <see cref="GapAnalyticsStore"/> writes (read-only: the console never writes
/// counts). A missing file reads as no counts: the store creates it at the first recorded reply.
/// </summary>
public sealed class SqliteGapsReader(IOptions<AnalyticsOptions> options) : IGapsReader
{
    /// <summary>At most this many redacted questions are listed.</summary>
    public const int MaxQuestions = 100;

    static SqliteGapsReader() => SQLitePCL.Batteries_V2.Init();

    public IReadOnlyList<DailyCount> Counts(DateOnly since, string? platform, string? community)
    {
        var counts = new List<DailyCount>();
        using var connection = Open();
        if (connection is null || !HasTable(connection, "daily_counts")) return counts;
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT day, platform, community, article, kind, count FROM daily_counts
            WHERE day >= $since AND ($platform IS NULL OR (platform = $platform AND community = $community))
            ORDER BY day, platform, community, kind, article
            """;
        command.Parameters.AddWithValue("$since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$platform", (object?)platform ?? DBNull.Value);
        command.Parameters.AddWithValue("$community", (object?)community ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts.Add(new DailyCount(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetInt64(5)));
        }

        return counts;
    }

    public IReadOnlyList<RedactedQuestion> RedactedQuestions(string platform, string community, DateTimeOffset now)
    {
        var questions = new List<RedactedQuestion>();
        using var connection = Open();
        if (connection is null || !HasTable(connection, "declined_questions")) return questions;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT at, text FROM declined_questions WHERE platform = $platform AND community = $community AND expires > $now ORDER BY at DESC LIMIT {MaxQuestions}";
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$community", community);
        command.Parameters.AddWithValue("$now", now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        while (reader.Read()) questions.Add(new RedactedQuestion(reader.GetString(0), reader.GetString(1)));
        return questions;
    }

    private SqliteConnection? Open()
    {
        var path = options.Value.DatabasePath;
        if (!File.Exists(path)) return null;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static bool HasTable(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return command.ExecuteScalar() is not null;
    }
}

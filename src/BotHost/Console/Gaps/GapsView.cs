using System.Globalization;
using System.Text;
using BotHost.Console.Charts;
using BotHost.Core.Analytics;

namespace BotHost.Console.Gaps;

/// <summary>
/// The gaps and feedback figures of one scope, day by day: declined questions, urgent replies per category,
/// rate-limited members, and answers and feedback per article. Counts only: no member text ever reaches this view.
/// </summary>
public sealed class GapsView
{
    private readonly IReadOnlyList<DailyCount> _counts;

    public GapsView(IReadOnlyList<DailyCount> counts, DateOnly today, int days)
    {
        ArgumentNullException.ThrowIfNull(counts);
        _counts = counts;
        Days = [.. Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1))];
    }

    public IReadOnlyList<DateOnly> Days { get; }

    public IReadOnlyList<string> DayLabels => [.. Days.Select(d => d.ToString("MM-dd", CultureInfo.InvariantCulture))];

    public IReadOnlyList<long> DeclinedPerDay => PerDay("declined");

    public IReadOnlyList<long> RateLimitedPerDay => PerDay("rate_limited");

    public IReadOnlyList<string> UrgentCategories => [.. _counts.Where(c => c.Kind == "urgent").Select(c => c.Key.Length == 0 ? "unknown" : c.Key).Distinct().Order(StringComparer.Ordinal)];

    public IReadOnlyList<long> UrgentPerDay(string category) => PerDay("urgent", category == "unknown" ? string.Empty : category);

    public IReadOnlyList<ArticleFeedback> Articles =>
    [
        .. _counts.Where(c => c.Kind is "answered" or "helpful" or "not_helpful" && c.Key.Length > 0)
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => new ArticleFeedback(g.Key, Sum(g, "answered"), Sum(g, "helpful"), Sum(g, "not_helpful")))
            .OrderByDescending(a => a.Answered).ThenBy(a => a.Article, StringComparer.Ordinal),
    ];

    /// <summary>The communities that have counts (for the admin's picker).</summary>
    public IReadOnlyList<string> Communities => [.. _counts.Select(c => $"{c.Platform}/{c.Community}").Distinct().Order(StringComparer.Ordinal)];

    public IReadOnlyList<ChartSeries> UrgentSeries => [.. UrgentCategories.Select(c => new ChartSeries(c, [.. UrgentPerDay(c).Select(v => (double?)v)]))];

    public static IReadOnlyList<ChartSeries> Series(string name, IReadOnlyList<long> values) => [new ChartSeries(name, [.. values.Select(v => (double?)v)])];

    /// <summary>Every count of the scope as CSV (RFC 4180): day, platform, community, kind, article or category, count.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("day,platform,community,kind,article_or_category,count\r\n");
        foreach (var c in _counts.Where(c => c.Day >= Days[0]))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{c.Day:yyyy-MM-dd},{Field(c.Platform)},{Field(c.Community)},{Field(c.Kind)},{Field(c.Key)},{c.Count}\r\n");
        }

        return csv.ToString();
    }

    private List<long> PerDay(string kind, string? key = null)
    {
        var byDay = _counts.Where(c => c.Kind == kind && (key is null || c.Key == key)).GroupBy(c => c.Day).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return [.. Days.Select(d => byDay.GetValueOrDefault(d))];
    }

    private static long Sum(IEnumerable<DailyCount> counts, string kind) => counts.Where(c => c.Kind == kind).Sum(c => c.Count);

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break; a leading = + - @ is prefixed so no spreadsheet runs it as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

/// <summary>How often an article answered, and what members said about it.</summary>
public sealed record ArticleFeedback(string Article, long Answered, long Helpful, long NotHelpful);

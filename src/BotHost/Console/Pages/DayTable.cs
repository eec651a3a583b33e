using BotHost.Console.Charts;

namespace BotHost.Console.Pages;

/// <summary>A chart's numbers as a table: one row per day, one column per series.</summary>
public sealed record DayTable(string Id, string Caption, IReadOnlyList<DateOnly> Days, IReadOnlyList<ChartSeries> Series);

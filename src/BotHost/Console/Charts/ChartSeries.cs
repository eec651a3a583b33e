namespace BotHost.Console.Charts;

/// <summary>One named series of a chart; a null value is a gap (no figure for that point).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

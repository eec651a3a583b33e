using BotHost.Console.Charts;
using BotHost.Console.Quality;
using BotHost.Core.Analytics;

namespace BotHost.Console.Pages;

/// <summary>
/// Quality: the figures of every eval set on the served version with its misses (never a blind set's), a chart of the
/// figures over the last recorded versions, and the eval answers that changed since the previous version.
/// </summary>
public sealed class QualityModel(QualityService quality) : ConsolePageModel
{
    public QualityReport Report { get; private set; } = null!;

    public async Task OnGetAsync() => Report = await quality.CurrentAsync();

    /// <summary>Short version labels for the chart's x axis, oldest first.</summary>
    public IReadOnlyList<string> VersionLabels => [.. Report.History.Select(v => v.Version[..Math.Min(7, v.Version.Length)])];

    /// <summary>One series per figure of the set, over the recorded versions.</summary>
    public IReadOnlyList<ChartSeries> SeriesOf(EvalSetResult set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return [.. set.Figures.Select(f => new ChartSeries(f.Name, [.. Report.History.Select(v => v.Value(set.Name, f.Name))]))];
    }
}

namespace BotHost.Core.Analytics;

/// <summary>One recorded version with its figures, per eval set.</summary>
public sealed record VersionFigures(string Version, DateTimeOffset At, IReadOnlyList<(string Set, EvalFigure Figure)> Figures)
{
    public double? Value(string set, string figure) =>
        Figures.Where(f => f.Set == set && f.Figure.Name == figure).Select(f => (double?)f.Figure.Value).FirstOrDefault();
}

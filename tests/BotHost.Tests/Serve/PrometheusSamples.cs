using System.Globalization;

namespace BotHost.Tests.Serve;

/// <summary>Reads sample values out of a Prometheus text scrape (<c>name{labels} value</c>, where <c>{}</c> and no braces mean the same).</summary>
internal static class PrometheusSamples
{
    /// <summary>The value of the sample <paramref name="name"/> with exactly <paramref name="labels"/> (<c>a="1",b="2"</c>, in the exporter's order), or null.</summary>
    public static double? Value(string scrape, string name, string labels = "")
    {
        ArgumentNullException.ThrowIfNull(scrape);
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var space = line.LastIndexOf(' ');
            var series = line[..space];
            var brace = series.IndexOf('{', StringComparison.Ordinal);
            var (metric, found) = brace < 0 ? (series, string.Empty) : (series[..brace], series[(brace + 1)..^1]);
            if (metric == name && found == labels) return double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return null;
    }
}

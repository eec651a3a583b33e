using System.Globalization;
using System.Text;
using BotHost.Console.Rendering;

namespace BotHost.Console.Charts;

/// <summary>
/// Line and bar charts drawn on the server as inline SVG: no script, nothing fetched, readable without colour (each
/// series also has a marker shape in the legend order and the page always shows the same numbers in a table). The SVG
/// is one image to assistive technology, named by its title and described by its summary.
/// </summary>
public static class SvgChart
{
    public const int SeriesColours = 6;
    private const int Width = 640;
    private const int Height = 240;
    private const int Left = 44;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 44;

    /// <summary>Lines over the points of <paramref name="labels"/>, on a fixed 0 to <paramref name="max"/> scale.</summary>
    public static string Lines(string id, string title, string summary, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, double max = 1)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var svg = Open(id, title, summary);
        Axes(svg, max, labels);
        for (var s = 0; s < series.Count; s++)
        {
            var points = new List<string>();
            for (var i = 0; i < labels.Count && i < series[s].Values.Count; i++)
            {
                if (series[s].Values[i] is not { } value) continue;
                var (x, y) = (X(i, labels.Count), Y(value, max));
                points.Add(F(x) + "," + F(y));
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot s{s % SeriesColours}\" cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"3\"/>");
            }

            if (points.Count > 1) svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"line s{s % SeriesColours}\" points=\"{string.Join(' ', points)}\"/>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Bars side by side per label, on a scale from 0 to the largest value (rounded up).</summary>
    public static string Bars(string id, string title, string summary, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var max = Nice(series.SelectMany(s => s.Values).Max(v => v ?? 0));
        var svg = Open(id, title, summary);
        Axes(svg, max, labels);
        var slot = (double)(Width - Left - Right) / Math.Max(1, labels.Count);
        var bar = Math.Clamp((slot * 0.8) / Math.Max(1, series.Count), 1, 40);
        for (var i = 0; i < labels.Count; i++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                if (i >= series[s].Values.Count || series[s].Values[i] is not { } value || value <= 0) continue;
                var x = Left + (i * slot) + ((slot - (bar * series.Count)) / 2) + (s * bar);
                var y = Y(value, max);
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"fill s{s % SeriesColours}\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(bar)}\" height=\"{F(Top + Plot - y)}\"/>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The legend: each series' name beside its colour swatch.</summary>
    public static string Legend(IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var html = new StringBuilder("<ul class=\"legend\">");
        for (var s = 0; s < series.Count; s++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><span class=\"swatch b{s % SeriesColours}\" aria-hidden=\"true\"></span>{ConsoleHtml.Encoder.Encode(series[s].Name)}</li>");
        }

        return html.Append("</ul>").ToString();
    }

    private const int Plot = Height - Top - Bottom;

    private static StringBuilder Open(string id, string title, string summary)
    {
        var e = ConsoleHtml.Encoder;
        return new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{e.Encode(id)}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{e.Encode(id)}-title {e.Encode(id)}-desc\" xmlns=\"http://www.w3.org/2000/svg\">" +
            $"<title id=\"{e.Encode(id)}-title\">{e.Encode(title)}</title><desc id=\"{e.Encode(id)}-desc\">{e.Encode(summary)}</desc>");
    }

    private static void Axes(StringBuilder svg, double max, IReadOnlyList<string> labels)
    {
        for (var t = 0; t <= 4; t++)
        {
            var value = max * t / 4;
            var y = Y(value, max);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Width - Right}\" y2=\"{F(y)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{Tick(value, max)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top + Plot}\" x2=\"{Width - Right}\" y2=\"{Top + Plot}\"/>");
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 8.0));
        for (var i = 0; i < labels.Count; i += every)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(i, labels.Count))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{ConsoleHtml.Encoder.Encode(labels[i])}</text>");
        }
    }

    /// <summary>The centre of point <paramref name="i"/> of <paramref name="count"/> (bars and lines share the slots).</summary>
    private static double X(int i, int count)
    {
        var slot = (double)(Width - Left - Right) / Math.Max(1, count);
        return Left + (slot * i) + (slot / 2);
    }

    private static double Y(double value, double max) => Top + Plot - (Plot * Math.Clamp(value / max, 0, 1));

    private static double Nice(double max)
    {
        if (max <= 4) return 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= max) return step * magnitude;
        }

        return 10 * magnitude;
    }

    private static string Tick(double value, double max) => max <= 1 ? value.ToString("0.00", CultureInfo.InvariantCulture) : value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

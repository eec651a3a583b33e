using System.Globalization;

namespace BotHost.Knowledge.Search;

/// <summary>bm25 column weights, in the index's column order (title, questions, tags, summary, heading, body).</summary>
public sealed record SearchWeights(double Title, double Questions, double Tags, double Summary, double Heading, double Body)
{
    /// <summary>
    /// Plain weighting: the article's own words about itself count a little more than body text. The answer-quality
    /// work tunes these on the eval set (see <see cref="Tuned"/>).
    /// </summary>
    public static SearchWeights Default { get; } = new(Title: 2, Questions: 2, Tags: 2, Summary: 1, Heading: 1.5, Body: 1);

    /// <summary>The weights the engine ships with; <see cref="Default"/> until tuning says otherwise.</summary>
    public static SearchWeights Tuned => Default;

    internal string ToSqlArguments() => string.Join(", ",
        new[] { Title, Questions, Tags, Summary, Heading, Body }.Select(w => w.ToString("0.0###", CultureInfo.InvariantCulture)));
}

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

    /// <summary>
    /// The weights the engine ships with, from a grid sweep (<c>bench ... tune</c>) over both eval sets. Why these:
    /// each article's <c>questions</c> are also indexed one per row and scored on their own (see
    /// <see cref="RankingParameters.QuestionWeight"/>), so weighting the questions column high as well counted them
    /// twice and let articles with many questions win on volume (questions 2 -> 1: +1.5 points Recall@1). Body text
    /// is long and repeats common words ("report", "help") across articles; halving it stops a long article
    /// outranking the one whose title names the topic (+1 point). Title and tags stay at 2: raising the title to 5
    /// changed nothing on average, and lower lost the short "what is X" questions. Headings (1.5) pick the section.
    /// </summary>
    public static SearchWeights Tuned { get; } = new(Title: 2, Questions: 1, Tags: 2, Summary: 1, Heading: 1.5, Body: 0.5);

    internal string ToSqlArguments() => string.Join(", ",
        new[] { Title, Questions, Tags, Summary, Heading, Body }.Select(w => w.ToString("0.0###", CultureInfo.InvariantCulture)));
}

namespace BotHost.Knowledge.Evaluation;

/// <summary>The top match's features for one eval question, and whether the question is one the bot should answer.</summary>
/// <param name="Topic">Share of the question's concepts in the article's title, summary, questions and tags.</param>
/// <param name="OffTopicLead">How far an off-topic.yaml question matched better than the article's best question (see <see cref="Search.ConfidenceModel.OffTopicLead"/>).</param>
/// <param name="NeighbourMargin">The top cosine less the mean cosine of the nearest few everyday examples.</param>
/// <param name="Weight">How much the sample counts in the fit (1 for an eval question).</param>
/// <param name="OnTopic">The on-topic model's log-odds (see <see cref="Search.RankedArticle.OnTopic"/>).</param>
public readonly record struct CalibrationSample(double Coverage, double Score, bool ShouldAnswer, double Anchor = 0, double Topic = 0, double OffTopicLead = 0,
    double Cosine = 0, double Margin = 0, double NeighbourMargin = 0, double Weight = 1, double OnTopic = 0)
{
    /// <summary>The features of <paramref name="top"/>, the first article a search ranked.</summary>
    public static CalibrationSample Of(Search.RankedArticle top, bool shouldAnswer, double weight = 1)
    {
        ArgumentNullException.ThrowIfNull(top);
        return new CalibrationSample(top.Coverage, top.Score, shouldAnswer, top.Anchor, top.TopicCoverage, Search.ConfidenceModel.OffTopicLead(top.QuestionScore, top.OffTopicScore),
            top.Cosine, top.Cosine - top.EverydayCosine, top.Cosine - top.EverydayNeighbours, weight, top.OnTopic);
    }
}

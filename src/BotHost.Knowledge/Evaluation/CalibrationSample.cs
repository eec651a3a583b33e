namespace BotHost.Knowledge.Evaluation;

/// <summary>The top match's features for one eval question, and whether the question is one the bot should answer.</summary>
/// <param name="Topic">Share of the question's concepts in the article's title, summary, questions and tags.</param>
/// <param name="OffTopicLead">How far an off-topic.yaml question matched better than the article's best question (see <see cref="Search.ConfidenceModel.OffTopicLead"/>).</param>
public readonly record struct CalibrationSample(double Coverage, double Score, bool ShouldAnswer, double Anchor = 0, double Topic = 0, double OffTopicLead = 0,
    double Cosine = 0, double Margin = 0);

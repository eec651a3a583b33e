namespace BotHost.Knowledge.Evaluation;

/// <summary>The top match's features for one eval question, and whether the question is one the bot should answer.</summary>
public readonly record struct CalibrationSample(double Coverage, double Score, bool ShouldAnswer, double Anchor = 0);

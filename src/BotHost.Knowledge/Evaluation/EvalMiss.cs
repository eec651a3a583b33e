namespace BotHost.Knowledge.Evaluation;

/// <summary>An eval question the bot got wrong, with what came back, so maintainers can see why.</summary>
/// <param name="Rank">1-based rank of the first expected article, or 0 when it was not in the top ten.</param>
/// <param name="Got">What the bot did: the top article ids, or "declined" / "refused".</param>
public sealed record EvalMiss(int Line, string Question, string Expected, int Rank, string Got);

namespace BotHost.Knowledge.Evaluation;

/// <summary>What the system under test did with one eval question.</summary>
/// <param name="Ranked">Article ids in rank order (up to ten), whether or not the bot answered.</param>
/// <param name="Declined">The bot said it had no answer.</param>
/// <param name="Refused">The bot refused the request.</param>
/// <param name="TopSection">The section the top article is quoted from, as <c>article#section-anchor</c>.</param>
public sealed record EvalOutcome(IReadOnlyList<string> Ranked, bool Declined, bool Refused, string? TopSection = null)
{
    public bool Answered => !Declined && !Refused;
}

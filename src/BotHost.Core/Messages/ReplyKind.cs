namespace BotHost.Core.Messages;

/// <summary>What a reply is, for renderers, metrics and feedback buttons.</summary>
public enum ReplyKind
{
    Answer,
    Declined,
    Hotlines,
    About,
    Help,
    Urgent,
    Refusal,
    RateLimited,
    Error,
}

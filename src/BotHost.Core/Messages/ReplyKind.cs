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

    /// <summary>The distress safety net: lines to talk to, privately, then the best article when one answers.</summary>
    Distress,
    RateLimited,
    Error,

    /// <summary>The bot stays silent (a mention in a channel it does not answer in). Adapters send nothing.</summary>
    Ignored,
}

namespace BotHost.Slack.Inbound;

/// <summary>What became of something Slack delivered; decides the HTTP status or whether a Socket Mode envelope is acked.</summary>
internal enum InboxResult
{
    /// <summary>Queued: acknowledge now, answer after.</summary>
    Accepted,

    /// <summary>Already received (a retry, or the same envelope on another connection): acknowledge, do nothing.</summary>
    Duplicate,

    /// <summary>Nothing to do (an event type the bot does not handle): acknowledge.</summary>
    Ignored,

    /// <summary>Not understood (required fields missing).</summary>
    Malformed,

    /// <summary>The queue is full or stopping: Slack should retry later.</summary>
    Busy,
}

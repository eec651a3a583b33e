namespace BotHost.Core.Adapters;

/// <summary>
/// One per chat platform (Discord, Slack). The host asks each for its status for readiness and metrics; receiving
/// and replying are the adapter's own (interaction responses, Events API, sockets), all through the message pipeline.
/// </summary>
public interface IChatAdapter
{
    /// <summary>"discord", "slack", ... matching <see cref="Messages.IncomingMessage.Platform"/>.</summary>
    string Platform { get; }

    AdapterStatus Status { get; }
}

namespace BotHost.Slack.Events;

/// <summary>The outcome of mapping an event: a message to answer, or why it is ignored (safe to log: no member text).</summary>
internal sealed record SlackEventMapping(SlackInboundMessage? Inbound, string? IgnoredBecause)
{
    public static SlackEventMapping Ignore(string reason) => new(null, reason);
}

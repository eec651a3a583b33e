namespace BotHost.Core.Messages;

/// <summary>
/// A member's message in platform-neutral form. <see cref="Text"/> is member text: it is never logged above Debug
/// and never stored.
/// </summary>
public sealed record IncomingMessage
{
    /// <summary>"discord", "slack", "console", ...</summary>
    public required string Platform { get; init; }

    /// <summary>Discord guild or Slack team id; empty for the console and for DMs outside any community.</summary>
    public required string CommunityId { get; init; }

    public required string ChannelId { get; init; }

    public required string UserId { get; init; }

    /// <summary>The text to answer, with the bot's mention and the command name removed.</summary>
    public required string Text { get; init; }

    public required MessageSource Source { get; init; }

    /// <summary>For <see cref="MessageSource.Command"/>: the command's name without the slash ("ask", "hotlines", "about").</summary>
    public string? Command { get; init; }

    /// <summary>Platform message id, when there is one.</summary>
    public string? MessageId { get; init; }

    /// <summary>Link to the message for moderator alerts (never its text).</summary>
    public Uri? MessageLink { get; init; }

    /// <summary>True when the conversation is already private (a DM or the console), so any reply is private.</summary>
    public bool IsPrivateConversation { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>A copy safe to log: everything but the text.</summary>
    public override string ToString() =>
        $"IncomingMessage {{ Platform = {Platform}, Community = {CommunityId}, Channel = {ChannelId}, Source = {Source}, Command = {Command} }}";
}

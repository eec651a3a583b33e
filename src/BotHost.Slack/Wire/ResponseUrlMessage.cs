namespace BotHost.Slack.Wire;

/// <summary>
/// A message posted to a <c>response_url</c> (or carried by a Socket Mode ack): <c>response_type</c> is
/// <c>ephemeral</c> (only the member) or <c>in_channel</c> (https://api.slack.com/interactivity/handling#message_responses).
/// </summary>
internal sealed record ResponseUrlMessage(string ResponseType, string Text)
{
    public const string Ephemeral = "ephemeral";
    public const string InChannel = "in_channel";

    public IReadOnlyList<SlackBlock>? Blocks { get; init; }

    /// <summary>False: a reply never replaces the message a button was on.</summary>
    public bool? ReplaceOriginal { get; init; }
}

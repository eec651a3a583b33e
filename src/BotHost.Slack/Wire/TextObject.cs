namespace BotHost.Slack.Wire;

/// <summary>
/// A Block Kit text object. <c>mrkdwn</c> objects are sent with <c>verbatim: true</c> so Slack does not turn plain
/// words into links, channel names or mentions (https://api.slack.com/reference/block-kit/composition-objects#text); everything else is
/// escaped by <see cref="Rendering.SlackMrkdwn"/>.
/// </summary>
internal sealed record TextObject(string Type, string Text)
{
    public const string MrkdwnType = "mrkdwn";
    public const string PlainTextType = "plain_text";

    /// <summary><c>plain_text</c> only.</summary>
    public bool? Emoji { get; init; }

    /// <summary><c>mrkdwn</c> only.</summary>
    public bool? Verbatim { get; init; }

    /// <summary>Already-escaped mrkdwn.</summary>
    public static TextObject Mrkdwn(string text) => new(MrkdwnType, text) { Verbatim = true };

    public static TextObject Plain(string text) => new(PlainTextType, text) { Emoji = true };
}

namespace BotHost.Slack.Wire;

/// <summary>
/// The inner <c>event</c> of an <c>event_callback</c>: the fields of <c>app_mention</c> and <c>message</c> the adapter
/// reads (specs/slack/java-slack-sdk-samples/AppMentionPayload.json and MessagePayload.json list every field).
/// </summary>
internal sealed record SlackEvent
{
    /// <summary><c>app_mention</c> or <c>message</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Set for edits, deletions, bot messages, joins, ...; plain member messages have none.</summary>
    public string? Subtype { get; init; }

    public string? User { get; init; }

    /// <summary>Set when an app or bot posted the message (with or without a subtype).</summary>
    public string? BotId { get; init; }

    /// <summary>Member text in Slack's format (&amp;amp; &amp;lt; &amp;gt; escaped, &lt;@U…&gt; mentions). Never logged above Debug.</summary>
    public string? Text { get; init; }

    public string? Ts { get; init; }

    /// <summary>The parent's ts when the message is in a thread.</summary>
    public string? ThreadTs { get; init; }

    public string? Channel { get; init; }

    /// <summary><c>im</c> for direct messages (message.im), <c>channel</c>, <c>group</c>, <c>mpim</c>.</summary>
    public string? ChannelType { get; init; }

    public string? EventTs { get; init; }

    public string? Team { get; init; }
}

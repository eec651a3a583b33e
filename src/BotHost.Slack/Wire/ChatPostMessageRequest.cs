namespace BotHost.Slack.Wire;

/// <summary>
/// <c>chat.postMessage</c> arguments as a JSON body (specs/slack/web-api: <c>channel</c> required; <c>text</c> is the
/// notification fallback when <c>blocks</c> are given). The 2021 spec types <c>blocks</c> as a URL-encoded JSON string
/// because it describes form bodies; JSON bodies carry the array itself (SDOCS "Content types").
/// </summary>
internal sealed record ChatPostMessageRequest(string Channel, string Text)
{
    public IReadOnlyList<SlackBlock>? Blocks { get; init; }

    /// <summary>The parent message's ts: the reply goes in its thread.</summary>
    public string? ThreadTs { get; init; }

    /// <summary>Never turn "@name" or "#channel" words into links (the fallback text is escaped as well).</summary>
    public bool LinkNames { get; init; }

    public bool UnfurlLinks { get; init; }

    public bool UnfurlMedia { get; init; }
}

namespace BotHost.Slack.Wire;

/// <summary><c>auth.test</c> success: who the bot token belongs to (bolt-js reads <c>user_id</c> and <c>bot_id</c> for ignoreSelf).</summary>
internal sealed record AuthTestResponse : SlackApiResponse
{
    public string? UserId { get; init; }

    public string? BotId { get; init; }

    public string? TeamId { get; init; }

    /// <summary>The workspace URL, e.g. <c>https://subarachnoid.slack.com/</c>; message permalinks are built under it.</summary>
    public string? Url { get; init; }
}

namespace BotHost.Slack.Wire;

/// <summary>
/// What every Web API method answers: HTTP 200 with <c>ok</c>, and <c>error</c> when it is false (https://api.slack.com/web:
/// "Slack's Web API doesn't use meaningful status codes besides 429 and 200").
/// </summary>
internal abstract record SlackApiResponse
{
    public bool Ok { get; init; }

    public string? Error { get; init; }

    /// <summary>Non-fatal notes such as <c>missing_charset</c>.</summary>
    public string? Warning { get; init; }

    /// <summary>Details for some errors (e.g. which argument was invalid).</summary>
    public ResponseMetadata? ResponseMetadata { get; init; }
}

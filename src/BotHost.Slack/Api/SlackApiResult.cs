namespace BotHost.Slack.Api;

/// <summary>
/// The outcome of a Web API call as a value: the response when <c>ok</c>, otherwise Slack's error code or one of
/// ours (<see cref="SlackApiErrors.NotConfigured"/>, <see cref="SlackApiErrors.RateLimited"/>, <c>http_NNN</c>, ...).
/// </summary>
internal sealed record SlackApiResult<T>(T? Response, string? Error)
    where T : class
{
    public bool Ok => Response is not null && Error is null;

    public static SlackApiResult<T> Success(T response) => new(response, null);

    public static SlackApiResult<T> Failure(string error) => new(null, error);
}

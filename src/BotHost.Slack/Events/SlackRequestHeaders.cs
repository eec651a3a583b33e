namespace BotHost.Slack.Events;

/// <summary>HTTP headers of Slack's requests and our responses (https://api.slack.com/authentication/verifying-requests-from-slack, https://api.slack.com/apis/events-api).</summary>
internal static class SlackRequestHeaders
{
    /// <summary><c>v0=</c> + lowercase hex HMAC-SHA256 (https://github.com/slackapi/python-slack-sdk, slack_sdk/signature).</summary>
    public const string Signature = "X-Slack-Signature";

    /// <summary>Unix seconds, part of the signed basestring.</summary>
    public const string Timestamp = "X-Slack-Request-Timestamp";

    /// <summary>1-3 on Events API retries (https://api.slack.com/apis/events-api#retries).</summary>
    public const string RetryNum = "X-Slack-Retry-Num";

    /// <summary><c>http_timeout</c>, <c>http_error</c>, ... (https://api.slack.com/apis/events-api#retries).</summary>
    public const string RetryReason = "X-Slack-Retry-Reason";

    /// <summary>
    /// Sent with a non-2xx answer to tell Slack not to retry (https://api.slack.com/apis/events-api#retries; spelled
    /// <c>X-Slack-No-Retry: 1</c> by the write-ups quoting the Events API page).
    /// </summary>
    public const string NoRetry = "X-Slack-No-Retry";
}

using Microsoft.Extensions.Options;

namespace BotHost.Slack;

/// <summary>
/// Checks <see cref="SlackOptions"/> on start: one line per problem, each naming the setting to fix. Never echoes
/// a secret's value.
/// </summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static IEnumerable<string> Problems(SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SocketMode && string.IsNullOrWhiteSpace(options.AppToken))
        {
            yield return "Slack__AppToken is required when Slack__SocketMode is true: create an app-level token (xapp-…) with the connections:write scope.";
        }

        if (!string.IsNullOrWhiteSpace(options.AppToken) && !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
        {
            yield return "Slack__AppToken must be an app-level token starting with xapp- (Basic Information > App-Level Tokens).";
        }

        if (!string.IsNullOrWhiteSpace(options.BotToken) && !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
        {
            yield return "Slack__BotToken must be a bot token starting with xoxb- (OAuth & Permissions > Bot User OAuth Token).";
        }

        if (options.ApiBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            yield return "Slack__ApiBaseUrl must be an absolute https URL (plain http only for a loopback test server).";
        }

        foreach (var problem in Durations(options)) yield return problem;
        foreach (var problem in Counts(options)) yield return problem;
    }

    private static IEnumerable<string> Durations(SlackOptions o)
    {
        (string Name, TimeSpan Value)[] durations =
        [
            ("RequestTimeout", o.RequestTimeout), ("MaxRetryAfter", o.MaxRetryAfter), ("HelloTimeout", o.HelloTimeout),
            ("PingInterval", o.PingInterval), ("PingTimeout", o.PingTimeout), ("ReconnectDelay", o.ReconnectDelay),
            ("MaxReconnectDelay", o.MaxReconnectDelay), ("DeduplicationWindow", o.DeduplicationWindow),
        ];
        foreach (var (name, value) in durations)
        {
            if (value <= TimeSpan.Zero) yield return $"Slack__{name} must be a positive duration such as 00:00:10.";
        }

        if (o.MaxReconnectDelay < o.ReconnectDelay) yield return "Slack__MaxReconnectDelay must not be shorter than Slack__ReconnectDelay.";
    }

    private static IEnumerable<string> Counts(SlackOptions o)
    {
        // Slack allows up to 10 Socket Mode connections per app (https://api.slack.com/apis/socket-mode).
        if (o.SocketModeConnections is < 1 or > 10) yield return "Slack__SocketModeConnections must be between 1 and 10.";
        if (o.MaxRetries is < 0 or > 10) yield return "Slack__MaxRetries must be between 0 and 10.";
    }
}

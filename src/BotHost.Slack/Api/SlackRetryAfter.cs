namespace BotHost.Slack.Api;

/// <summary>
/// How long a Slack 429 asks to wait: the <c>Retry-After</c> header in whole seconds
/// (https://docs.slack.dev/apis/web-api/rate-limits); an HTTP date is accepted too; 1 s when absent.
/// </summary>
internal static class SlackRetryAfter
{
    private static readonly TimeSpan WhenAbsent = TimeSpan.FromSeconds(1);

    public static TimeSpan Of(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : WhenAbsent);
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}

using System.Net;
using BotHost.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Api;

/// <summary>
/// Runs every attempt of a Web API or <c>response_url</c> call through <see cref="SlackRateLimiter"/>: waits while the
/// method is paused, and pauses it for the <c>Retry-After</c> of a 429 so other calls to that method wait too.
/// Retrying is the job of the resilience handler in front of this one
/// (<see cref="BotHost.Core.Adapters.PlatformHttpResilience"/>).
/// </summary>
internal sealed partial class SlackRateLimitHandler(SlackRateLimiter limiter, TimeProvider time, BotMetrics metrics, ILogger<SlackRateLimitHandler> logger)
    : DelegatingHandler
{
    /// <summary>The rate-limit key of a request (the Web API method, or all response_urls together); <see cref="SlackApiClient"/> sets it.</summary>
    public static readonly HttpRequestOptionsKey<string> Key = new("BotHost.Slack.RateLimitKey");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(Key, out var key)) throw new InvalidOperationException("A Slack request needs its rate-limit key.");
        await limiter.WaitAsync(key, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var delay = SlackRetryAfter.Of(response, time);
            limiter.Pause(key, delay);
            metrics.RateLimited(SlackAdapter.PlatformName, BotMetrics.PlatformApiLimit);
            LogRateLimited(key, delay.TotalSeconds);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack rate limited {Method} for {Seconds} s")]
    private partial void LogRateLimited(string method, double seconds);
}

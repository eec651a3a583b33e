using System.Net;
using BotHost.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Rest;

/// <summary>
/// Runs every attempt of a Discord REST call through <see cref="DiscordRateLimiter"/>: waits for the route's bucket
/// (and the global limit), learns the bucket from the response's headers, and records a 429 with its exact wait, so
/// the bucket (or, when global, every bot route) stays closed until then. Retrying is the job of the resilience
/// handler in front of this one (<see cref="BotHost.Core.Adapters.PlatformHttpResilience"/>).
/// </summary>
internal sealed partial class DiscordRateLimitHandler(DiscordRateLimiter limiter, BotMetrics metrics, ILogger<DiscordRateLimitHandler> logger)
    : DelegatingHandler
{
    /// <summary>The route a request is limited under; <see cref="DiscordRestClient"/> sets it on every request.</summary>
    public static readonly HttpRequestOptionsKey<RouteKey> Route = new("BotHost.Discord.Route");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(Route, out var route)) throw new InvalidOperationException("A Discord request needs its rate-limit route.");
        using var lease = await limiter.AcquireAsync(route, cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        limiter.Update(route, response.Headers);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var (retryAfter, global) = await DiscordRetryAfter.ReadAsync(response, cancellationToken);
            limiter.RateLimited(route, retryAfter, global);
            metrics.RateLimited(DiscordAdapter.PlatformName, BotMetrics.PlatformApiLimit);
            LogRateLimited(route.Template, retryAfter.TotalSeconds, global);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route} was rate limited for {RetryAfterSeconds:0.###} s (global: {Global})")]
    private partial void LogRateLimited(string route, double retryAfterSeconds, bool global);
}

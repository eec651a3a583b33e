using System.Collections.Concurrent;

namespace BotHost.Slack.Api;

/// <summary>
/// Honours HTTP 429 <c>Retry-After</c> per Web API method (tiers are per method per workspace,
/// https://docs.slack.dev/apis/web-api/rate-limits): after a 429 every call to that method waits until the pause is over. Driven
/// by the injected clock: System.Threading.RateLimiting's limiters take no TimeProvider
/// (https://github.com/dotnet/runtime/issues/106447), so tests could not advance them without sleeping.
/// </summary>
internal sealed class SlackRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);

    /// <summary>Waits until <paramref name="method"/> may be called again.</summary>
    public async Task WaitAsync(string method, CancellationToken cancellationToken)
    {
        while (_pausedUntil.TryGetValue(method, out var until) && until - time.GetUtcNow() is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Pauses <paramref name="method"/> for <paramref name="retryAfter"/> from now (a later pause wins).</summary>
    public void Pause(string method, TimeSpan retryAfter)
    {
        var until = time.GetUtcNow() + retryAfter;
        _pausedUntil.AddOrUpdate(method, until, (_, current) => current > until ? current : until);
    }

    public TimeSpan RemainingPause(string method) =>
        _pausedUntil.TryGetValue(method, out var until) && until - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
}

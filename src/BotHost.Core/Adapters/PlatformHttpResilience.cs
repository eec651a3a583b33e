using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace BotHost.Core.Adapters;

/// <summary>
/// Timeouts and retries of a platform's outgoing HTTP calls, by Microsoft.Extensions.Http.Resilience (Polly) on the
/// injected <see cref="TimeProvider"/>, with the platforms' rules:
/// <list type="bullet">
/// <item>a 429 is retried after exactly the wait it asks for (the platform reads it, see
/// <see cref="PlatformRetryPolicy.RetryAfter"/>), at most <see cref="PlatformRetryPolicy.MaxRetries"/> times and only
/// when that wait is at most <see cref="PlatformRetryPolicy.MaxRetryAfter"/>: a 429 means the call was not done, so
/// even a POST may be sent again;</item>
/// <item>a network failure, a timeout or a 5xx is retried only for idempotent methods (GET, PUT, DELETE, ...), with
/// exponential back-off and jitter; a POST that failed that way may have been delivered (a message posted twice is
/// worse than one missing), so it is never retried blindly;</item>
/// <item>each attempt has its own <see cref="PlatformRetryPolicy.AttemptTimeout"/>; a timed-out call fails as
/// HttpClient's own timeout does (<see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>).</item>
/// </list>
/// The platform's rate limiter goes in a handler added after this one, so it runs once per attempt.
/// </summary>
public static class PlatformHttpResilience
{
    /// <summary>First pause before retrying a transient failure of an idempotent call; doubled each time, with jitter.</summary>
    public static readonly TimeSpan TransientBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>Adds the timeout and retry handlers to <paramref name="builder"/>; the client's own timeout is turned off.</summary>
    public static IHttpClientBuilder AddPlatformResilience(this IHttpClientBuilder builder, Func<IServiceProvider, PlatformRetryPolicy> policy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policy);
        builder.ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddHttpMessageHandler(() => new AttemptTimeoutHandler());
        // A pipeline of our own rather than AddResilienceHandler's: the registry behind that one waits, when the host
        // disposes it, for calls still in flight, on the injected clock (up to 30 s of it; forever on a test's fake
        // clock), so a host stopped while a reply sat out a Retry-After would hang in its shutdown.
        builder.AddHttpMessageHandler(services => new ResilienceHandler(Build(policy(services), services.GetService<TimeProvider>() ?? TimeProvider.System)));
        return builder;
    }

    /// <summary>True for methods that may be sent twice without a second effect (RFC 9110 section 9.2.2).</summary>
    public static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options;

    private static ResiliencePipeline<HttpResponseMessage> Build(PlatformRetryPolicy policy, TimeProvider time)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (policy.MaxRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = policy.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TransientBaseDelay,
                UseJitter = true,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context, policy),
                DelayGenerator = args => RetryDelayAsync(args.Outcome, policy),
            });
        }

        return pipeline.AddTimeout(policy.AttemptTimeout).Build();
    }

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context, PlatformRetryPolicy policy)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited) return await policy.RetryAfter(limited) <= policy.MaxRetryAfter;
        if (context.CancellationToken.IsCancellationRequested) return false;
        return context.GetRequestMessage() is { } request && IsIdempotent(request.Method) && HttpClientResiliencePredicates.IsTransient(outcome);
    }

    /// <summary>The exact wait of a 429; null (the back-off) for anything else.</summary>
    private static async ValueTask<TimeSpan?> RetryDelayAsync(Outcome<HttpResponseMessage> outcome, PlatformRetryPolicy policy) =>
        outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited ? await policy.RetryAfter(limited) : null;
}

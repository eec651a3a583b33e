namespace BotHost.Core.Adapters;

/// <summary>
/// How one platform's outgoing HTTP calls are timed out and retried (see <see cref="PlatformHttpResilience"/>).
/// </summary>
/// <param name="AttemptTimeout">How long one attempt may take, on the injected clock.</param>
/// <param name="MaxRetries">Retries after the first attempt; 0 turns retries off.</param>
/// <param name="MaxRetryAfter">A 429 asking to wait longer than this is not retried: the caller sees the 429.</param>
/// <param name="RetryAfter">
/// The exact wait a 429 response asks for, read the platform's way (Discord: <c>retry_after</c> in the body; Slack:
/// the <c>Retry-After</c> header).
/// </param>
public sealed record PlatformRetryPolicy(
    TimeSpan AttemptTimeout, int MaxRetries, TimeSpan MaxRetryAfter, Func<HttpResponseMessage, ValueTask<TimeSpan>> RetryAfter);

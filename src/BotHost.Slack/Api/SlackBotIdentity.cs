using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Api;

/// <summary>
/// The bot's own ids from <c>auth.test</c> (as bolt-js, https://github.com/slackapi/bolt-js, does for ignoreSelf), fetched once and cached. A
/// failed call is retried at most once a minute; a rejected token marks the adapter failed.
/// </summary>
internal sealed partial class SlackBotIdentity(SlackApiClient api, SlackAdapter adapter, TimeProvider time, ILogger<SlackBotIdentity> logger)
    : IDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private BotIdentity? _identity;
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue;

    public BotIdentity? Cached => _identity;

    /// <summary>The identity, or null while Slack cannot tell (the caller carries on with what it has).</summary>
    public async Task<BotIdentity?> GetAsync(CancellationToken cancellationToken)
    {
        if (_identity is { } known) return known;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_identity is { } again) return again;
            if (time.GetUtcNow() < _nextAttempt) return null;
            var result = await api.AuthTestAsync(cancellationToken);
            if (result is { Ok: true, Response.UserId: { } userId })
            {
                var r = result.Response;
                _identity = new BotIdentity(userId, r.BotId, r.TeamId, Uri.TryCreate(r.Url, UriKind.Absolute, out var url) ? url : null);
                LogIdentified(userId, r.BotId, r.TeamId);
                return _identity;
            }

            _nextAttempt = time.GetUtcNow() + RetryAfterFailure;
            if (SlackApiErrors.IsFatalAuth(result.Error)) adapter.Fail(SlackApiErrors.Describe(result.Error!, SlackTokenKind.Bot));
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack bot identified: user {UserId}, bot {BotId}, workspace {TeamId}")]
    private partial void LogIdentified(string userId, string? botId, string? teamId);
}

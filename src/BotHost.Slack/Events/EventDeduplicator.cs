using BotHost.Core.State;
using Microsoft.Extensions.Options;

namespace BotHost.Slack.Events;

/// <summary>
/// Remembers Slack's event ids, envelope ids and feedback clicks for <see cref="SlackOptions.DeduplicationWindow"/> so
/// Slack's retries and deliveries over a second Socket Mode connection are answered once. The ids are kept by Core's
/// <see cref="IEventDeduplicator"/>: this process's memory, or Redis when replicas share Slack's traffic (a retry often
/// reaches another replica than the first delivery). Keys are prefixed with <c>slack:</c>.
/// </summary>
internal sealed class EventDeduplicator(IEventDeduplicator store, IOptions<SlackOptions> options)
{
    /// <summary>True the first time <paramref name="key"/> is seen within the window; false for a repeat.</summary>
    public ValueTask<bool> TryClaimAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return store.TryClaimAsync("slack:" + key, options.Value.DeduplicationWindow, cancellationToken);
    }

    /// <summary>Forgets a claim whose work could not be queued, so Slack's retry is processed.</summary>
    public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return store.ReleaseAsync("slack:" + key, cancellationToken);
    }
}

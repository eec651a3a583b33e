namespace BotHost.Core.State;

/// <summary>
/// Remembers keys for a while so that what arrives twice is handled once: Slack's retries of an event, a Socket Mode
/// envelope delivered on two connections, a second feedback vote. Keys carry their own prefix (<c>slack:event:</c>,
/// <c>feedback:</c>) and never a raw user id. The embedded default is <see cref="InMemoryEventDeduplicator"/>; replicas
/// that share work need a shared implementation.
/// </summary>
public interface IEventDeduplicator
{
    /// <summary>True the first time <paramref name="key"/> is claimed within <paramref name="window"/>; false for a repeat.</summary>
    ValueTask<bool> TryClaimAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Forgets a claim whose work could not be queued, so the platform's redelivery is handled.</summary>
    ValueTask ReleaseAsync(string key, CancellationToken cancellationToken);
}

namespace BotHost.Core.State;

/// <summary>
/// Remembers ids for a while so the same event is handled once: Slack's retries, a delivery over a second connection, a
/// second click on a feedback button. Shared by every replica when <see cref="StateOptions.Redis"/> is set, so a retry
/// that reaches another replica is still recognised.
/// </summary>
public interface IEventDeduplicator
{
    /// <summary>True the first time <paramref name="key"/> is claimed within <paramref name="window"/>; false for a repeat.</summary>
    ValueTask<bool> TryClaimAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Forgets a claim whose work could not be done, so the platform's retry is handled.</summary>
    ValueTask ReleaseAsync(string key, CancellationToken cancellationToken);
}

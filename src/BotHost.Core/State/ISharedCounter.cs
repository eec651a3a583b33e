namespace BotHost.Core.State;

/// <summary>
/// Counters that expire, for merging moderator alerts: urgent messages merged into a member's recent alert are counted
/// here and taken by the next alert, whichever replica sends it.
/// </summary>
public interface ISharedCounter
{
    /// <summary>Adds one to <paramref name="key"/>, which expires <paramref name="lifetime"/> after this call.</summary>
    ValueTask IncrementAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Returns the count and resets it to zero (0 when the key is unknown or expired).</summary>
    ValueTask<long> TakeAsync(string key, CancellationToken cancellationToken);
}

namespace BotHost.Discord.Interactions;

/// <summary>
/// Remembers which (member, message) pairs have voted, so repeated clicks count once. Keys are hashes; the oldest
/// are forgotten past <see cref="Capacity"/>.
/// </summary>
internal sealed class FeedbackVotes
{
    public const int Capacity = 50_000;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryClaim(string key)
    {
        lock (_gate)
        {
            if (!_seen.Add(key)) return false;
            _order.Enqueue(key);
            if (_order.Count > Capacity) _seen.Remove(_order.Dequeue());
            return true;
        }
    }
}

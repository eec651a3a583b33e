using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace BotHost.Console.Access;

/// <summary>
/// Signed-in console sessions, kept in memory and ended after <see cref="ConsoleOptions.IdleTimeout"/> without a
/// request, measured on the injected <see cref="TimeProvider"/>. Server-side sessions (rather than a self-contained
/// cookie) make the idle expiry exact and signing out final. At most <see cref="Capacity"/> sessions are held: a new
/// sign-in beyond that ends the least recently used one, so repeated sign-ins cannot grow memory.
/// </summary>
public sealed class ConsoleSessionStore(IOptions<ConsoleOptions> options, TimeProvider time)
{
    public const int Capacity = 1_000;

    /// <summary>Session ids carry 256 random bits, written as URL-safe base64.</summary>
    private const int IdBytes = 32;

    private readonly Dictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate) return _sessions.Count;
        }
    }

    public ConsoleSession Create(ConsoleRole role, string? platform = null, string? communityId = null)
    {
        var now = time.GetUtcNow();
        var session = new ConsoleSession(NewId(), role, platform, communityId, now);
        lock (_gate)
        {
            if (_sessions.Count >= Capacity) EvictLocked(now);
            _sessions[session.Id] = new Entry(session, now);
        }

        return session;
    }

    /// <summary>The live session with this id, its idle clock restarted; null when unknown or idle too long (then it is ended).</summary>
    public ConsoleSession? Touch(string? id)
    {
        if (string.IsNullOrEmpty(id)) return null;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_sessions.TryGetValue(id, out var entry)) return null;
            if (now - entry.LastSeen >= options.Value.IdleTimeout)
            {
                _sessions.Remove(id);
                return null;
            }

            entry.LastSeen = now;
            return entry.Session;
        }
    }

    public void End(string? id)
    {
        if (string.IsNullOrEmpty(id)) return;
        lock (_gate) _sessions.Remove(id);
    }

    private void EvictLocked(DateTimeOffset now)
    {
        var idle = options.Value.IdleTimeout;
        foreach (var expired in _sessions.Where(s => now - s.Value.LastSeen >= idle).Select(s => s.Key).ToList()) _sessions.Remove(expired);
        if (_sessions.Count < Capacity) return;
        var oldest = _sessions.MinBy(s => s.Value.LastSeen).Key;
        _sessions.Remove(oldest);
    }

    private static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(IdBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class Entry(ConsoleSession session, DateTimeOffset lastSeen)
    {
        public ConsoleSession Session { get; } = session;

        public DateTimeOffset LastSeen { get; set; } = lastSeen;
    }
}

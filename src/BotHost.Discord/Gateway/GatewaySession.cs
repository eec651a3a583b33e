namespace BotHost.Discord.Gateway;

/// <summary>
/// What outlives one connection: the session READY started (its id and <c>resume_gateway_url</c>) and the last
/// sequence number received, which heartbeats and RESUME send back (https://discord.com/developers/docs/events/gateway#resuming).
/// </summary>
internal sealed class GatewaySession
{
    private readonly Lock _gate = new();
    private string? _id;
    private Uri? _resumeUrl;
    private long _sequence = -1;

    /// <summary>The last <c>s</c> received, or null before the first dispatch of the session.</summary>
    public long? Sequence
    {
        get
        {
            var sequence = Interlocked.Read(ref _sequence);
            return sequence < 0 ? null : sequence;
        }
    }

    /// <summary>The session to resume and where, or null when the next connection must IDENTIFY.</summary>
    public (string Id, Uri Url)? Resumable
    {
        get
        {
            lock (_gate) return _id is { } id && _resumeUrl is { } url ? (id, url) : null;
        }
    }

    public void Track(long sequence) => Interlocked.Exchange(ref _sequence, sequence);

    /// <summary>READY: a new session; without a usable <paramref name="resumeUrl"/> it cannot be resumed.</summary>
    public void Start(string id, Uri? resumeUrl)
    {
        lock (_gate)
        {
            _id = id;
            _resumeUrl = resumeUrl;
        }
    }

    /// <summary>Forgets the session (invalid, timed out, or about to IDENTIFY a new one).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _id = null;
            _resumeUrl = null;
        }

        Interlocked.Exchange(ref _sequence, -1);
    }
}

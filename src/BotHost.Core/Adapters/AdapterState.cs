namespace BotHost.Core.Adapters;

/// <summary>Where a chat adapter's connection stands, for /readyz and /metrics.</summary>
public enum AdapterState
{
    /// <summary>Not configured; the host logs which settings turn it on.</summary>
    Disabled,

    Connecting,

    /// <summary>Ready to receive and answer (HTTP endpoints mapped, or the socket session established).</summary>
    Connected,

    /// <summary>Lost its connection and is reconnecting with backoff.</summary>
    Disconnected,

    /// <summary>Stopped for good: a fatal error such as a rejected token; <see cref="AdapterStatus.Detail"/> says why.</summary>
    Failed,
}

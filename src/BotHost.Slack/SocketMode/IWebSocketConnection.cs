namespace BotHost.Slack.SocketMode;

/// <summary>
/// One WebSocket as Socket Mode uses it: whole text messages in and out, and the close handshake. Small on purpose,
/// so a session can be driven by a scripted fake in tests (the shape Discord.Net gives its gateway socket).
/// </summary>
internal interface IWebSocketConnection : IAsyncDisposable
{
    /// <summary>The next complete text message, or null once the server has closed the connection.</summary>
    ValueTask<string?> ReceiveAsync(CancellationToken cancellationToken);

    ValueTask SendAsync(string text, CancellationToken cancellationToken);

    /// <summary>Starts the close handshake; <see cref="ReceiveAsync"/> keeps returning messages sent before the server's close.</summary>
    ValueTask CloseOutputAsync(CancellationToken cancellationToken);

    /// <summary>Drops the connection at once.</summary>
    void Abort();
}

namespace BotHost.Discord.Gateway;

/// <summary>Opens gateway WebSockets; <see cref="ClientGatewaySocketConnector"/> is the real one.</summary>
public interface IGatewaySocketConnector
{
    /// <summary>Connects to <paramref name="url"/>; throws (WebSocketException, HttpRequestException, ...) when it cannot.</summary>
    Task<IGatewaySocket> ConnectAsync(Uri url, CancellationToken cancellationToken);
}

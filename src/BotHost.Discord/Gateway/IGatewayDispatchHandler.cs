using System.Text.Json;

namespace BotHost.Discord.Gateway;

/// <summary>Receives gateway dispatches (op 0) other than READY and RESUMED: MESSAGE_CREATE, INTERACTION_CREATE, ...</summary>
public interface IGatewayDispatchHandler
{
    /// <summary>
    /// Handles one dispatch. <paramref name="data"/> is valid only during the call (clone it to keep it). Must not
    /// block the gateway's receive loop for long: slow work goes to the background.
    /// </summary>
    ValueTask HandleAsync(string eventName, JsonElement data, CancellationToken cancellationToken);
}

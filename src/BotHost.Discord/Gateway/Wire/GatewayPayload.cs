using System.Text.Json;

namespace BotHost.Discord.Gateway.Wire;

/// <summary>
/// Every payload Discord sends on the gateway: <c>{"op":int,"d":any,"s":int|null,"t":string|null}</c>; <c>s</c> and
/// <c>t</c> are null unless <c>op</c> is 0 (https://discord.com/developers/docs/events/gateway-events#payload-structure).
/// </summary>
internal sealed record GatewayPayload(int Op, JsonElement D, long? S, string? T)
{
    /// <summary>The payload, or null when <paramref name="text"/> is not a JSON object of that shape.</summary>
    public static GatewayPayload? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, GatewayJsonContext.Default.GatewayPayload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

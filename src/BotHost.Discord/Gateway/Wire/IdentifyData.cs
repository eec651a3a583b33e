namespace BotHost.Discord.Gateway.Wire;

/// <summary><c>d</c> of IDENTIFY (op 2) (https://discord.com/developers/docs/events/gateway-events#identify); <c>shard</c> is always sent, [0, 1] without sharding.</summary>
internal sealed record IdentifyData(string Token, GatewayIntents Intents, IdentifyProperties Properties, int[] Shard);

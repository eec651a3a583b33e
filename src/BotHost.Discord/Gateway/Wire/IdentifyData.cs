namespace BotHost.Discord.Gateway.Wire;

/// <summary><c>d</c> of IDENTIFY (op 2) (DD events/gateway-events.mdx "Identify"); <c>shard</c> is always sent, [0, 1] without sharding.</summary>
internal sealed record IdentifyData(string Token, GatewayIntents Intents, IdentifyProperties Properties, int[] Shard);

namespace BotHost.Discord.Gateway.Wire;

/// <summary>IDENTIFY's connection properties, un-prefixed (<c>$os</c> and friends are deprecated).</summary>
internal sealed record IdentifyProperties(string Os, string Browser, string Device);

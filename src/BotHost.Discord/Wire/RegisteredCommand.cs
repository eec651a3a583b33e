namespace BotHost.Discord.Wire;

/// <summary>A command as Discord returns it after registration (id and name are read).</summary>
internal sealed record RegisteredCommand(string Id, string Name);

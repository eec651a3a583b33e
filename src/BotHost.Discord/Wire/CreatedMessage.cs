namespace BotHost.Discord.Wire;

/// <summary>The message returned by Create Message (only the id is read).</summary>
internal sealed record CreatedMessage(string Id);

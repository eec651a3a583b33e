namespace BotHost.Discord;

/// <summary>
/// Who the bot is on Discord: its user id from the gateway's READY (to recognise mentions of it and its own
/// messages). Null until READY arrives.
/// </summary>
public sealed class DiscordBotIdentity
{
    private string? _userId;

    public string? UserId => Volatile.Read(ref _userId);

    public void Set(string userId) => Volatile.Write(ref _userId, userId);
}

namespace BotHost.Discord.Wire;

/// <summary>
/// <c>allowed_mentions</c>: the bot always sends <c>{"parse": []}</c>, so nothing it posts can ping anyone, whatever
/// the text contains (https://discord.com/developers/docs/resources/message#allowed-mentions-object).
/// </summary>
internal sealed record AllowedMentions
{
    public static AllowedMentions None { get; } = new();

    public IReadOnlyList<string> Parse { get; init; } = [];
}

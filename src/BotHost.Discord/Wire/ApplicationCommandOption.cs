namespace BotHost.Discord.Wire;

/// <summary>An option of a slash command being registered (type 3 STRING for the bot's options).</summary>
internal sealed record ApplicationCommandOption
{
    public const int StringType = 3;

    public required int Type { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public bool? Required { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }
}

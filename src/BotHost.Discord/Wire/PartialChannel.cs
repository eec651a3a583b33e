namespace BotHost.Discord.Wire;

/// <summary>The channel an interaction was sent from (partial).</summary>
internal sealed record PartialChannel
{
    public required string Id { get; init; }

    /// <summary>0 guild text, 1 DM, ...</summary>
    public int Type { get; init; }
}

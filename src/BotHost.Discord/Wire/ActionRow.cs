namespace BotHost.Discord.Wire;

/// <summary>An action row (component type 1) of at most 5 buttons.</summary>
internal sealed record ActionRow(IReadOnlyList<Button> Components)
{
    public int Type { get; init; } = 1;
}

namespace BotHost.Discord.Wire;

/// <summary>
/// <c>data</c> of an interaction: for APPLICATION_COMMAND the command (<c>name</c>, <c>type</c>, <c>options</c>,
/// <c>target_id</c>, <c>resolved</c>); for MESSAGE_COMPONENT the <c>custom_id</c> and <c>component_type</c>.
/// </summary>
internal sealed record InteractionData
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>Command type: 1 CHAT_INPUT, 2 USER, 3 MESSAGE.</summary>
    public int? Type { get; init; }

    public IReadOnlyList<CommandOption>? Options { get; init; }

    public string? TargetId { get; init; }

    public ResolvedData? Resolved { get; init; }

    public string? CustomId { get; init; }

    public int? ComponentType { get; init; }
}

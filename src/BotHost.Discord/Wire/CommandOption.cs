using System.Text.Json;

namespace BotHost.Discord.Wire;

/// <summary>An option of an application-command interaction (<c>value</c> and <c>options</c> are exclusive).</summary>
internal sealed record CommandOption
{
    public required string Name { get; init; }

    public int Type { get; init; }

    public JsonElement? Value { get; init; }

    public IReadOnlyList<CommandOption>? Options { get; init; }
}

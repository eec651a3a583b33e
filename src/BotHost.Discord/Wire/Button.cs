namespace BotHost.Discord.Wire;

/// <summary>
/// A button (component type 2). Link buttons (style 5) carry a <c>url</c> and send no interaction; the others carry a
/// <c>custom_id</c> of 1-100 characters (https://discord.com/developers/docs/components/reference#button).
/// </summary>
internal sealed record Button
{
    public const int PrimaryStyle = 1;
    public const int SecondaryStyle = 2;
    public const int LinkStyle = 5;

    public int Type { get; init; } = 2;

    public required int Style { get; init; }

    public required string Label { get; init; }

    public string? CustomId { get; init; }

    public string? Url { get; init; }

    public static Button Link(string label, string url) => new() { Style = LinkStyle, Label = label, Url = url };

    public static Button Action(string label, string customId, int style = SecondaryStyle) => new() { Style = style, Label = label, CustomId = customId };
}

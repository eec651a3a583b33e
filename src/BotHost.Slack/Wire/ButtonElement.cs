namespace BotHost.Slack.Wire;

/// <summary>
/// A <c>button</c> element: text ≤ 75, action_id ≤ 255, value ≤ 2,000, url ≤ 3,000 characters (https://api.slack.com/reference/block-kit/block-elements#button). A button with a url opens it and still sends an interaction, which is acknowledged.
/// </summary>
internal sealed record ButtonElement(TextObject Text, string ActionId)
{
    public string Type { get; init; } = "button";

    public string? Value { get; init; }

    public string? Url { get; init; }

    /// <summary><c>primary</c> or <c>danger</c>; null for the default look.</summary>
    public string? Style { get; init; }
}

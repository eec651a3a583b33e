namespace BotHost.Slack.Wire;

/// <summary>A method called without arguments (<c>auth.test</c>, <c>apps.connections.open</c>): the body is <c>{}</c>.</summary>
internal sealed record EmptyRequest
{
    public static EmptyRequest Instance { get; } = new();
}

namespace BotHost.Slack.Wire;

/// <summary><c>response_metadata</c> of a Web API response: explanations of errors and warnings.</summary>
internal sealed record ResponseMetadata
{
    public IReadOnlyList<string>? Messages { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }
}

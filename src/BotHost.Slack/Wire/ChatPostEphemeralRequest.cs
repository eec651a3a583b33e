namespace BotHost.Slack.Wire;

/// <summary>
/// <c>chat.postEphemeral</c> arguments: only <c>user</c> sees the message in <c>channel</c> (both required). An
/// ephemeral <c>thread_ts</c> shows only in a thread that already exists (spec description), so it is set only then.
/// </summary>
internal sealed record ChatPostEphemeralRequest(string Channel, string User, string Text)
{
    public IReadOnlyList<SlackBlock>? Blocks { get; init; }

    public string? ThreadTs { get; init; }

    public bool LinkNames { get; init; }
}

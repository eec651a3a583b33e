namespace BotHost.Slack.Wire;

/// <summary>
/// A slash command: form fields over HTTP, the same names as JSON in a Socket Mode <c>slash_commands</c> envelope
/// (https://api.slack.com/interactivity/slash-commands#app_command_handling). The deprecated verification
/// <c>token</c> and <c>user_name</c> are not read.
/// </summary>
internal sealed record SlashCommandPayload
{
    public string? TeamId { get; init; }

    public string? TeamDomain { get; init; }

    public string? EnterpriseId { get; init; }

    public string? ChannelId { get; init; }

    public string? ChannelName { get; init; }

    public string? UserId { get; init; }

    /// <summary>With its slash: <c>/ask</c>.</summary>
    public string? Command { get; init; }

    /// <summary>Member text after the command. Never logged above Debug.</summary>
    public string? Text { get; init; }

    public string? ApiAppId { get; init; }

    /// <summary>Where replies go: up to 5 times within 30 minutes, no token needed (https://api.slack.com/interactivity/handling#message_responses).</summary>
    public string? ResponseUrl { get; init; }

    public string? TriggerId { get; init; }
}

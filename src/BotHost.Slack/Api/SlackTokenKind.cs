namespace BotHost.Slack.Api;

/// <summary>Which token a Web API call carries.</summary>
internal enum SlackTokenKind
{
    /// <summary><see cref="SlackOptions.BotToken"/> (<c>xoxb-</c>).</summary>
    Bot,

    /// <summary><see cref="SlackOptions.AppToken"/> (<c>xapp-</c>), only for <c>apps.connections.open</c>.</summary>
    App,
}

namespace BotHost.Slack.SocketMode;

/// <summary>
/// Frame <c>type</c>s Slack sends over Socket Mode (https://api.slack.com/apis/socket-mode; the Java and Node SDKs, https://github.com/slackapi;
/// specs/payloads/slack-socket-mode-*).
/// </summary>
internal static class SocketModeFrameType
{
    /// <summary>First frame of every connection; the connection counts as open only after it.</summary>
    public const string Hello = "hello";

    public const string Disconnect = "disconnect";

    public const string EventsApi = "events_api";

    public const string SlashCommands = "slash_commands";

    public const string Interactive = "interactive";
}

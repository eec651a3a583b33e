namespace BotHost.Slack.SocketMode;

/// <summary>
/// Frame <c>type</c>s Slack sends over Socket Mode (JSDK EnvelopeTest.java; NODESDK SocketModeClient.ts;
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

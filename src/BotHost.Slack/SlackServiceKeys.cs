namespace BotHost.Slack;

/// <summary>Keys of the keyed services the adapter resolves.</summary>
public static class SlackServiceKeys
{
    /// <summary>
    /// The <see cref="System.Random"/> behind reconnect jitter (default <see cref="System.Random.Shared"/>); tests
    /// register a fixed one before <c>AddSlack</c>.
    /// </summary>
    public const string Random = "BotHost.Slack.Random";

    /// <summary>The Socket Mode reconnect <see cref="Core.Adapters.ExponentialBackoff"/> (equal jitter, from the Slack settings).</summary>
    public const string Backoff = "slack-backoff";

    /// <summary>The <see cref="Core.Adapters.IWebSocketConnector"/> for Socket Mode (tests register a scripted one before <c>AddSlack</c>).</summary>
    public const string SocketMode = "slack-socket-mode";
}

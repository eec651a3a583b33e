namespace BotHost.Slack;

/// <summary>Keys of the keyed services the adapter resolves.</summary>
public static class SlackServiceKeys
{
    /// <summary>
    /// The <see cref="System.Random"/> behind reconnect jitter (default <see cref="System.Random.Shared"/>); tests
    /// register a fixed one before <c>AddSlack</c>.
    /// </summary>
    public const string Random = "BotHost.Slack.Random";
}

using System.Text.Json;

namespace BotHost.Slack.Tests.EndToEnd;

/// <summary>Event and interaction bodies as Slack sends them, with the parts a test cares about filled in.</summary>
internal static class SlackPayloads
{
    public const string Channel = "C0PUBLIC1";
    public const string Member = "U0MEMBER1";
    public const string MentionTs = "1700000100.000200";

    public static string Mention(string question, string eventId = "Ev0MENTION1", string? threadTs = null, string user = Member, string? botId = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["token"] = "deprecated",
            ["team_id"] = "T111",
            ["api_app_id"] = "A111",
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = 1700000100,
            ["event"] = new Dictionary<string, object?>
            {
                ["type"] = "app_mention",
                ["user"] = user,
                ["bot_id"] = botId,
                ["text"] = "<@UBOTHOST> " + question,
                ["ts"] = MentionTs,
                ["thread_ts"] = threadTs,
                ["channel"] = Channel,
                ["event_ts"] = MentionTs,
            },
        });

    public static string DirectMessage(string text, string eventId = "Ev0DM1") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["team_id"] = "T111",
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event"] = new Dictionary<string, object?>
            {
                ["type"] = "message",
                ["channel_type"] = "im",
                ["user"] = Member,
                ["text"] = text,
                ["ts"] = "1700000200.000300",
                ["channel"] = "D0MEMBERDM",
            },
        });

    public static string Command(string command, string text, Uri responseUrl) =>
        $"token=deprecated&team_id=T111&team_domain=acme&channel_id={Channel}&channel_name=general&user_id={Member}&user_name=m" +
        $"&command={Uri.EscapeDataString(command)}&text={Uri.EscapeDataString(text)}&api_app_id=A111" +
        $"&response_url={Uri.EscapeDataString(responseUrl.AbsoluteUri)}&trigger_id=1.2.3";
}

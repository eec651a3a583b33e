using System.Security.Cryptography;
using System.Text;

namespace BotHost.Slack.Inbound;

/// <summary>
/// The deduplication key of a feedback click: one vote per member, message and button. A hash, so not even the
/// member's id is held in memory.
/// </summary>
internal static class FeedbackKey
{
    public static string For(string userId, string? messageTs, string actionId, string value) =>
        "feedback:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}|{messageTs}|{actionId}|{value}")));
}

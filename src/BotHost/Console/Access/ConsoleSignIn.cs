using System.Security.Cryptography;
using System.Text;
using BotHost.Serve;
using Microsoft.Extensions.Options;

namespace BotHost.Console.Access;

/// <summary>Turns a token typed on the sign-in page into a session: the admin token, or a community's moderator token.</summary>
public sealed class ConsoleSignIn(IOptions<AdminOptions> admin, IModeratorTokens moderators, ConsoleSessionStore sessions, SignInThrottle throttle)
{
    /// <summary>The session, or why there is none (shown to the user as is; never says which kind of token was close).</summary>
    public (ConsoleSession? Session, string? Problem) SignIn(string? token)
    {
        if (throttle.IsBlocked) return (null, "Too many failed sign-ins in the last minute. Wait a minute and try again.");
        if (string.IsNullOrEmpty(token)) return (null, "Enter your token.");
        if (admin.Value.Token is { Length: > 0 } adminToken && FixedTimeEquals(token, adminToken))
        {
            return (sessions.Create(ConsoleRole.Admin), null);
        }

        if (moderators.Find(token) is { } community)
        {
            return (sessions.Create(ConsoleRole.Moderator, community.Platform, community.CommunityId), null);
        }

        throttle.Failed();
        return (null, "That token is not valid.");
    }

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

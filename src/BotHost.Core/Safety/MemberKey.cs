using System.Security.Cryptography;
using System.Text;

namespace BotHost.Core.Safety;

/// <summary>
/// A one-way key for a member (SHA-256 of platform, community and user id, with a per-process random salt), so the
/// in-memory limits and alert merging never hold a raw user id and the key means nothing outside this process.
/// </summary>
public static class MemberKey
{
    private static readonly byte[] Salt = RandomNumberGenerator.GetBytes(16);

    public static string For(string platform, string communityId, string userId)
    {
        var bytes = Encoding.UTF8.GetBytes($"{platform}\0{communityId}\0{userId}");
        return Convert.ToHexString(HMACSHA256.HashData(Salt, bytes), 0, 16);
    }
}

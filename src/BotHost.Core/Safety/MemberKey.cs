using System.Security.Cryptography;
using System.Text;

namespace BotHost.Core.Safety;

/// <summary>
/// A one-way key for a member (HMAC-SHA256 of platform, community and user id with a random salt), so the limits and
/// alert merging never hold a raw user id. The salt is random per process, or shared by every replica when they share
/// state (<see cref="UseSharedSalt"/>: BotHost.State keeps it in Redis), so a member has one key on every replica; the key
/// means nothing without the salt.
/// </summary>
public static class MemberKey
{
    public const int SaltBytes = 16;

    private static byte[] _salt = RandomNumberGenerator.GetBytes(SaltBytes);

    public static string For(string platform, string communityId, string userId)
    {
        var bytes = Encoding.UTF8.GetBytes($"{platform}\0{communityId}\0{userId}");
        return Convert.ToHexString(HMACSHA256.HashData(Volatile.Read(ref _salt), bytes), 0, 16);
    }

    /// <summary>Replaces this process's salt with the replicas' shared one (at start, before the first message).</summary>
    public static void UseSharedSalt(ReadOnlySpan<byte> salt)
    {
        if (salt.Length < SaltBytes) throw new ArgumentException($"A member-key salt needs at least {SaltBytes} bytes", nameof(salt));
        Volatile.Write(ref _salt, salt.ToArray());
    }
}

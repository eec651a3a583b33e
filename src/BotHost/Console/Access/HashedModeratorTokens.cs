using System.Security.Cryptography;
using System.Text;

namespace BotHost.Console.Access;

/// <summary>
/// Moderator tokens as communities.yaml keeps them: the SHA-256 of each community's token, never the token itself, so
/// the file can sit in git. A token typed at sign-in is hashed and compared with every entry in constant time.
/// </summary>
public sealed class HashedModeratorTokens : IModeratorTokens
{
    private readonly IReadOnlyList<(ModeratorCommunity Community, byte[] Hash)> _entries;

    public HashedModeratorTokens(IEnumerable<(ModeratorCommunity Community, string Sha256Hex)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries.Select(e => (e.Community, Convert.FromHexString(e.Sha256Hex)))];
    }

    /// <summary>The hex SHA-256 of a token, as communities.yaml stores it (<c>bothost console moderator-token</c> prints both).</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    public ModeratorCommunity? Find(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        ModeratorCommunity? found = null;
        foreach (var (community, expected) in _entries)
        {
            // Every entry is compared, so the time taken says nothing about which one matched.
            if (CryptographicOperations.FixedTimeEquals(hash, expected)) found = community;
        }

        return found;
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace BotHost.Core.State;

/// <summary>
/// The one key for a member, on every platform: HMAC-SHA256 of platform, community and user id, salted with
/// <see cref="StateOptions.MemberKeySalt"/> (a random salt per process when unset). Rate limits, alert merging and
/// feedback votes hold this key, never a raw user id, and it means nothing without the salt.
/// </summary>
public sealed class MemberKey
{
    private readonly byte[] _salt;

    public MemberKey(IOptions<StateOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _salt = options.Value.MemberKeySalt is { } salt && !string.IsNullOrWhiteSpace(salt)
            ? Encoding.UTF8.GetBytes(salt.Trim())
            : RandomNumberGenerator.GetBytes(16);
    }

    /// <summary>A key with a random salt of its own, for code that runs outside a host (tests, the console).</summary>
    public static MemberKey Random() => new(Options.Create(new StateOptions()));

    public string For(string platform, string communityId, string userId)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(communityId);
        ArgumentNullException.ThrowIfNull(userId);
        var bytes = Encoding.UTF8.GetBytes($"{platform}\0{communityId}\0{userId}");
        return Convert.ToHexString(HMACSHA256.HashData(_salt, bytes), 0, 16);
    }
}

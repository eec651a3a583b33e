using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace BotHost.Core.State;

/// <summary>
/// The one key for a member, on every platform: HMAC-SHA256 of platform, community and user id, salted with
/// <see cref="StateOptions.MemberKeySalt"/> (a random salt per process when unset, replaced at start by the replicas'
/// shared one when they share Redis: <see cref="UseSharedSalt"/>). Rate limits, alert merging and feedback votes hold
/// this key, never a raw user id, and it means nothing without the salt.
/// </summary>
public sealed class MemberKey
{
    /// <summary>Bytes of a random salt.</summary>
    public const int SaltBytes = 16;

    private byte[] _salt;

    public MemberKey(IOptions<StateOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _salt = options.Value.MemberKeySalt is { } salt && !string.IsNullOrWhiteSpace(salt)
            ? Encoding.UTF8.GetBytes(salt.Trim())
            : RandomNumberGenerator.GetBytes(SaltBytes);
        IsConfigured = !string.IsNullOrWhiteSpace(options.Value.MemberKeySalt);
    }

    /// <summary>True when the salt comes from <see cref="StateOptions.MemberKeySalt"/> (then nothing replaces it).</summary>
    public bool IsConfigured { get; }

    /// <summary>A key with a random salt of its own, for code that runs outside a host (tests, the console).</summary>
    public static MemberKey Random() => new(Options.Create(new StateOptions()));

    public string For(string platform, string communityId, string userId)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(communityId);
        ArgumentNullException.ThrowIfNull(userId);
        var bytes = Encoding.UTF8.GetBytes($"{platform}\0{communityId}\0{userId}");
        return Convert.ToHexString(HMACSHA256.HashData(Volatile.Read(ref _salt), bytes), 0, 16);
    }

    /// <summary>Replaces this process's random salt with the replicas' shared one (at start, before the first message).</summary>
    public void UseSharedSalt(ReadOnlySpan<byte> salt)
    {
        if (salt.Length < SaltBytes) throw new ArgumentException($"A member-key salt needs at least {SaltBytes} bytes", nameof(salt));
        Volatile.Write(ref _salt, salt.ToArray());
    }
}

using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace BotHost.Discord.Interactions;

/// <summary>
/// Verifies Discord's <c>X-Signature-Ed25519</c> header: an Ed25519 signature, by the application's public key, over
/// the bytes of <c>X-Signature-Timestamp</c> followed by the raw request body
/// (https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint-validating-security-request-headers).
/// Managed (BouncyCastle), so no native library is needed. Discord sends invalid signatures on purpose to check the
/// endpoint; every failure must end in a 401 before the body is parsed.
/// </summary>
public sealed class DiscordSignatureVerifier
{
    private const int SignatureBytes = 64;
    private const int PublicKeyBytes = 32;

    private readonly Ed25519PublicKeyParameters? _key;

    public DiscordSignatureVerifier(string? publicKeyHex)
    {
        if (TryHex(publicKeyHex, PublicKeyBytes) is { } key) _key = new Ed25519PublicKeyParameters(key, 0);
    }

    /// <summary>True when the key is usable (64 hex digits).</summary>
    public bool HasKey => _key is not null;

    /// <summary>True only when both headers are present and well formed and the signature matches.</summary>
    public bool Verify(string? timestamp, string? signatureHex, ReadOnlySpan<byte> body)
    {
        if (_key is null || string.IsNullOrEmpty(timestamp) || TryHex(signatureHex, SignatureBytes) is not { } signature) return false;
        var stamp = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[stamp.Length + body.Length];
        stamp.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(stamp.Length));

        var verifier = new Ed25519Signer();
        verifier.Init(false, _key);
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    /// <summary>The bytes of <paramref name="hex"/> when it is exactly <paramref name="length"/> bytes of hex; otherwise null.</summary>
    public static byte[]? TryHex(string? hex, int length)
    {
        if (hex is null || hex.Length != length * 2) return null;
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace BotHost.Slack.Events;

/// <summary>
/// Verifies Slack request signatures (https://docs.slack.dev/authentication/verifying-requests-from-slack/):
/// <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> keyed with the signing secret, a timestamp within
/// 5 minutes of now either way (as https://github.com/slackapi/python-slack-sdk checks; bolt-js rejects only old ones), compared in constant time.
/// </summary>
public sealed class SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider time)
{
    /// <summary>Slack's replay window.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private const string Version = "v0";
    private const int HashBytes = 32;

    public VerificationResult Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var secret = options.Value.SigningSecret;
        if (string.IsNullOrWhiteSpace(secret)) return VerificationResult.NotConfigured;
        if (!TryParseTimestamp(timestamp, out var seconds) || !TryParseSignature(signature, out var expected)) return VerificationResult.Malformed;
        if ((time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxSkew) return VerificationResult.Stale;
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes($"{Version}:{timestamp}:"));
        hmac.AppendData(body);
        Span<byte> actual = stackalloc byte[HashBytes];
        hmac.GetHashAndReset(actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected) ? VerificationResult.Valid : VerificationResult.Mismatch;
    }

    private static bool TryParseTimestamp(string? text, out long seconds)
    {
        seconds = 0;
        // Digits only, within the range DateTimeOffset can represent.
        return text is { Length: > 0 and <= 12 }
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds();
    }

    private static bool TryParseSignature(string? text, out byte[] hash)
    {
        hash = [];
        if (text is null || !text.StartsWith(Version + "=", StringComparison.Ordinal) || text.Length != Version.Length + 1 + (HashBytes * 2)) return false;
        var bytes = new byte[HashBytes];
        if (Convert.FromHexString(text.AsSpan(Version.Length + 1), bytes, out _, out var written) != OperationStatus.Done || written != HashBytes) return false;
        hash = bytes;
        return true;
    }
}

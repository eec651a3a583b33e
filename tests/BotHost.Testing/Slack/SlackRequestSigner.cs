using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BotHost.Testing.Slack;

/// <summary>Signs request bodies as Slack does (v0 HMAC-SHA256), for tests that play Slack's part.</summary>
public static class SlackRequestSigner
{
    public static string Sign(string signingSecret, long timestamp, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var prefix = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v0:{timestamp}:"));
        byte[] message = [.. prefix, .. body];
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message);
        return "v0=" + Convert.ToHexStringLower(hash);
    }

    /// <summary>A POST with Slack's signature headers for <paramref name="at"/>.</summary>
    public static HttpRequestMessage SignedPost(string path, byte[] body, string contentType, string signingSecret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", Sign(signingSecret, timestamp, body));
        return request;
    }
}

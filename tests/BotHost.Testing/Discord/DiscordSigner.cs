using System.Net.Http.Headers;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace BotHost.Testing.Discord;

/// <summary>
/// Signs requests as Discord does, with the RFC 8032 section 7.1 TEST 1 key of the shared signature vector
/// (<c>payloads/discord-signature-test-vector.GENERATED.json</c>).
/// </summary>
public static class DiscordSigner
{
    public const string SeedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    public const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    public static string Sign(string timestamp, byte[] body)
    {
        var key = new Ed25519PrivateKeyParameters(Convert.FromHexString(SeedHex), 0);
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        var message = Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray();
        signer.BlockUpdate(message, 0, message.Length);
        return Convert.ToHexString(signer.GenerateSignature()).ToLowerInvariant();
    }

    public static HttpRequestMessage SignedPost(string path, string json, string timestamp = "1700000000")
    {
        var body = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Ed25519", Sign(timestamp, body));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return request;
    }
}

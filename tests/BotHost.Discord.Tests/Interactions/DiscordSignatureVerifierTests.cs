using System.Text;
using System.Text.Json;
using BotHost.Discord.Interactions;
using BotHost.Discord.Tests.Spec;
using BotHost.Testing.Discord;

namespace BotHost.Discord.Tests.Interactions;

public sealed class DiscordSignatureVerifierTests
{
    private static readonly JsonElement Vector = JsonDocument.Parse(DiscordSpecFiles.ReadPayload("discord-signature-test-vector.GENERATED.json")).RootElement;

    private static string Field(string name) => Vector.GetProperty(name).GetString()!;

    private static byte[] Body => Encoding.UTF8.GetBytes(Field("raw_body"));

    [Fact]
    public void Verify_SharedVector_True()
    {
        var verifier = new DiscordSignatureVerifier(Field("public_key_hex"));

        Assert.True(verifier.Verify(Field("X-Signature-Timestamp"), Field("X-Signature-Ed25519"), Body));
    }

    [Fact]
    public void Verify_Rfc8032EmptyMessageSignature_TrueForEmptyTimestampAndBody()
    {
        // RFC 8032 TEST 1 signs the empty message; with a one-character timestamp the message is no longer empty.
        var verifier = new DiscordSignatureVerifier(Field("public_key_hex"));

        Assert.False(verifier.Verify("0", Field("rfc8032_test1_empty_message_signature_hex"), []));
        Assert.True(verifier.Verify("1700000000", DiscordSigner.Sign("1700000000", []), []));
    }

    [Fact]
    public void Verify_TamperedBody_False()
    {
        var body = Body;
        body[^2] ^= 1;

        Assert.False(new DiscordSignatureVerifier(Field("public_key_hex")).Verify(Field("X-Signature-Timestamp"), Field("X-Signature-Ed25519"), body));
    }

    [Fact]
    public void Verify_OtherTimestamp_False() =>
        Assert.False(new DiscordSignatureVerifier(Field("public_key_hex")).Verify("1700000001", Field("X-Signature-Ed25519"), Body));

    [Fact]
    public void Verify_WrongKey_False()
    {
        var other = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";

        Assert.False(new DiscordSignatureVerifier(other).Verify(Field("X-Signature-Timestamp"), Field("X-Signature-Ed25519"), Body));
    }

    [Theory]
    [InlineData(null, "sig")]
    [InlineData("1700000000", null)]
    [InlineData("", "sig")]
    [InlineData("1700000000", "zz")]
    [InlineData("1700000000", "5fdf21a0")]
    public void Verify_MissingOrMalformedHeaders_False(string? timestamp, string? signature)
    {
        var sig = signature == "sig" ? Field("X-Signature-Ed25519") : signature;

        Assert.False(new DiscordSignatureVerifier(Field("public_key_hex")).Verify(timestamp, sig, Body));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("d75a98")]
    [InlineData("not hex not hex not hex not hex not hex not hex not hex not hex!")]
    public void HasKey_MalformedKey_FalseAndNothingVerifies(string? key)
    {
        var verifier = new DiscordSignatureVerifier(key);

        Assert.False(verifier.HasKey);
        Assert.False(verifier.Verify(Field("X-Signature-Timestamp"), Field("X-Signature-Ed25519"), Body));
    }
}

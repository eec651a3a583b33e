using System.Text;
using System.Text.Json;
using BotHost.Slack.Events;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing.Slack;

namespace BotHost.Slack.Tests.Events;

public sealed class SlackSignatureVerifierTests
{
    private static readonly JsonElement Vector = JsonDocument.Parse(SlackSpecFiles.ReadPayload("slack-signature-test-vector.json")).RootElement;
    private static readonly string Secret = Vector.GetProperty("signing_secret").GetString()!;
    private static readonly string Timestamp = Vector.GetProperty("X-Slack-Request-Timestamp").GetString()!;
    private static readonly string Expected = Vector.GetProperty("expected_X-Slack-Signature").GetString()!;
    private static readonly byte[] Body = SlackSpecFiles.ReadPayloadBytes(Vector.GetProperty("body_file").GetString()!);
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Verify_SlackPublishedTestVector_Valid()
    {
        var verifier = Verifier(SignedAt);

        var result = verifier.Verify(Timestamp, Expected, Body);

        Assert.Equal(VerificationResult.Valid, result);
        Assert.Equal(362, Body.Length);
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void Verify_TimestampWithinFiveMinutesEitherWay_Valid(int offsetSeconds)
    {
        var verifier = Verifier(SignedAt.AddSeconds(offsetSeconds));

        Assert.Equal(VerificationResult.Valid, verifier.Verify(Timestamp, Expected, Body));
    }

    [Fact]
    public void Verify_StaleTimestamp_Stale()
    {
        var verifier = Verifier(SignedAt.AddMinutes(5).AddSeconds(1));

        Assert.Equal(VerificationResult.Stale, verifier.Verify(Timestamp, Expected, Body));
    }

    [Fact]
    public void Verify_FutureTimestamp_Stale()
    {
        var verifier = Verifier(SignedAt.AddMinutes(-5).AddSeconds(-1));

        Assert.Equal(VerificationResult.Stale, verifier.Verify(Timestamp, Expected, Body));
    }

    [Fact]
    public void Verify_TamperedBody_Mismatch()
    {
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("text=&", "text=hello&", StringComparison.Ordinal));
        var verifier = Verifier(SignedAt);

        Assert.Equal(VerificationResult.Mismatch, verifier.Verify(Timestamp, Expected, tampered));
    }

    [Fact]
    public void Verify_OneBitFlippedInSignature_Mismatch()
    {
        var flipped = Expected[..^1] + (Expected[^1] == '3' ? '2' : '3');
        var verifier = Verifier(SignedAt);

        Assert.Equal(VerificationResult.Mismatch, verifier.Verify(Timestamp, flipped, Body));
    }

    [Fact]
    public void Verify_OtherSecret_Mismatch()
    {
        var verifier = new SlackSignatureVerifier(TestOptions.Wrap(TestOptions.Create(change: o => o.SigningSecret = "another-secret")), new FakeTimeProvider(SignedAt));

        Assert.Equal(VerificationResult.Mismatch, verifier.Verify(Timestamp, Expected, Body));
    }

    [Theory]
    [InlineData(null, "sig")]
    [InlineData("ts", null)]
    [InlineData("", "sig")]
    [InlineData("1531420618", "")]
    [InlineData("-1531420618", "sig")]
    [InlineData(" 1531420618", "sig")]
    [InlineData("1531420618.5", "sig")]
    [InlineData("99999999999999999999", "sig")]
    [InlineData("1531420618", "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("1531420618", "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50")]
    [InlineData("1531420618", "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void Verify_MissingOrMalformedHeaders_Malformed(string? timestamp, string? signature)
    {
        var verifier = Verifier(SignedAt);

        var result = verifier.Verify(timestamp == "ts" ? null : timestamp, signature == "sig" ? Expected : signature, Body);

        Assert.Equal(VerificationResult.Malformed, result);
    }

    [Fact]
    public void Verify_NoSigningSecret_NotConfigured()
    {
        var verifier = new SlackSignatureVerifier(TestOptions.Wrap(new SlackOptions()), new FakeTimeProvider(SignedAt));

        Assert.Equal(VerificationResult.NotConfigured, verifier.Verify(Timestamp, Expected, Body));
    }

    [Fact]
    public void Verify_SignatureFromTestSigner_Valid()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"event_callback"}""");
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var signature = SlackRequestSigner.Sign(TestOptions.SigningSecret, now.ToUnixTimeSeconds(), body);

        var result = Verifier(now).Verify(now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), signature, body);

        Assert.Equal(VerificationResult.Valid, result);
    }

    private static SlackSignatureVerifier Verifier(DateTimeOffset now) =>
        new(TestOptions.Wrap(TestOptions.Create(change: o => o.SigningSecret = Secret)), new FakeTimeProvider(now));
}

using BotHost.Core.Safety;
using FsCheck;
using FsCheck.Fluent;

namespace BotHost.Core.Tests.Safety;

public sealed class RedactorTests
{
    [Theory]
    [InlineData("mail me at kid.name+x@example.co.uk pls", "mail me at [email] pls")]
    [InlineData("see https://evil.example/path?q=1 now", "see [link] now")]
    [InlineData("join discord.gg/abc123", "join [link]")]
    [InlineData("hey <@123456789012345678> and <@U024BE7LH> in <#C1234>", "hey [mention] and [mention] in [mention]")]
    [InlineData("@everyone look", "[mention] look")]
    [InlineData("call me on +1 (555) 010-9999", "call me on [phone]")]
    [InlineData("my id is 99887766", "my id is [number]")]
    [InlineData("im 15 and he wants 300", "im 15 and he wants 300")]
    public void Redact_IdentifyingParts_AreReplaced(string text, string expected) => Assert.Equal(expected, Redactor.Redact(text));

    [Fact]
    public void Redact_GeneratedContactDetailsInText_NeverSurvive()
    {
        var word = Gen.Elements("help", "why", "does", "he", "keep", "asking", "me");
        var user = Gen.Elements("anna", "bo.b", "x_y", "teen2009", "kid+tag");
        var domain = Gen.Elements("example.com", "mail.example.org", "school.example.co.uk");
        var digits = Gen.Choose(0, 9).ArrayOf(10).Select(d => string.Concat(d));
        var secret = Gen.OneOf(
            Gen.Zip(user, domain).Select(t => $"{t.Item1}@{t.Item2}"),
            Gen.Zip(domain, digits).Select(t => $"https://{t.Item1}/u/{t.Item2}"),
            digits.Select(d => $"+44 {d[..4]} {d[4..]}"),
            digits.Select(d => $"<@{d}>"));
        var message =
            from before in word.ListOf()
            from s in secret
            from after in word.ListOf()
            select (Text: $"{string.Join(' ', before)} {s} {string.Join(' ', after)}", Secret: s);

        var property = Prop.ForAll(message.ToArbitrary(), m => !Redactor.Redact(m.Text).Contains(m.Secret, StringComparison.Ordinal));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}

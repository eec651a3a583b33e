using BotHost.Core.State;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Tests.State;

public sealed class MemberKeyTests
{
    private const string Salt = "a-shared-salt-of-replicas";

    [Fact]
    public void For_SameSaltInTwoInstances_SameKey()
    {
        var one = Create(Salt);
        var other = Create(Salt);

        Assert.Equal(one.For("slack", "T1", "U1"), other.For("slack", "T1", "U1"));
    }

    [Fact]
    public void For_NoSaltConfigured_EachInstanceDrawsItsOwn()
    {
        var one = Create(null);
        var other = Create(null);

        Assert.NotEqual(one.For("slack", "T1", "U1"), other.For("slack", "T1", "U1"));
    }

    [Fact]
    public void For_DifferentPlatformCommunityOrUser_DifferentKeysThatHideTheUserId()
    {
        var keys = Create(Salt);

        string[] all = [keys.For("slack", "T1", "U1"), keys.For("discord", "T1", "U1"), keys.For("slack", "T2", "U1"), keys.For("slack", "T1", "U2")];

        Assert.Equal(4, all.Distinct().Count());
        Assert.All(all, k => Assert.DoesNotContain("U1", k, StringComparison.Ordinal));
        Assert.All(all, k => Assert.Equal(32, k.Length));
    }

    [Fact]
    public void Validate_ShortSalt_NamesTheSettingNotTheValue()
    {
        var result = new StateOptionsValidator().Validate(null, new StateOptions { MemberKeySalt = "short-secret" });

        Assert.True(result.Failed);
        Assert.StartsWith("State__MemberKeySalt", result.Failures!.Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TinyDeduplicationCapacity_Fails()
    {
        var result = new StateOptionsValidator().Validate(null, new StateOptions { DeduplicationCapacity = 5 });

        Assert.StartsWith("State__DeduplicationCapacity", result.Failures!.Single(), StringComparison.Ordinal);
    }

    private static MemberKey Create(string? salt) => new(Options.Create(new StateOptions { MemberKeySalt = salt }));
}

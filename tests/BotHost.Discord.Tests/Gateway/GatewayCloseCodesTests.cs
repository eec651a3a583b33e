using BotHost.Discord.Gateway;

namespace BotHost.Discord.Tests.Gateway;

public sealed class GatewayCloseCodesTests
{
    [Theory]
    [InlineData(4004, "Discord__BotToken")]
    [InlineData(4010, "Discord__ShardId")]
    [InlineData(4011, "Discord__ShardCount")]
    [InlineData(4012, "API version")]
    [InlineData(4013, "intents")]
    [InlineData(4014, "Developer Portal")]
    public void FatalCause_CodesRetryingCannotFix_NameTheCauseAndTheFix(int code, string named)
    {
        var cause = GatewayCloseCodes.FatalCause(code);

        Assert.NotNull(cause);
        Assert.Contains(named, cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1006)]
    [InlineData(4000)]
    [InlineData(4001)]
    [InlineData(4002)]
    [InlineData(4003)]
    [InlineData(4005)]
    [InlineData(4007)]
    [InlineData(4008)]
    [InlineData(4009)]
    public void FatalCause_ReconnectableCodes_Null(int? code)
    {
        Assert.Null(GatewayCloseCodes.FatalCause(code));
    }

    [Theory]
    [InlineData(4007, true)]
    [InlineData(4009, true)]
    [InlineData(4000, false)]
    [InlineData(4008, false)]
    [InlineData(null, false)]
    public void StartsNewSession_Code_OnlyInvalidSequenceAndSessionTimeout(int? code, bool expected)
    {
        Assert.Equal(expected, GatewayCloseCodes.StartsNewSession(code));
    }
}

using BotHost.Core.Safety;

namespace BotHost.Core.Tests.Safety;

public sealed class RateLimitOptionsValidatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Validate_ZeroOrMore_Succeeds(int perMinute)
    {
        var result = new RateLimitOptionsValidator().Validate(null, new RateLimitOptions { QuestionsPerMinute = perMinute });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_Negative_OneLineNamingTheSetting()
    {
        var result = new RateLimitOptionsValidator().Validate(null, new RateLimitOptions { QuestionsPerMinute = -3 });

        Assert.Equal(["Safety__QuestionsPerMinute: must be 0 (no limit) or more, not -3"], result.Failures);
    }
}

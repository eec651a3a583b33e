using BotHost.Serve;

namespace BotHost.Tests.Serve;

public sealed class AdminOptionsValidatorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sixteen-chars-ok")]
    public void Validate_UnsetOrLongEnough_Succeeds(string? token)
    {
        var result = new AdminOptionsValidator().Validate(null, new AdminOptions { Token = token });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_FifteenCharacters_FailsWithoutTheToken()
    {
        var result = new AdminOptionsValidator().Validate(null, new AdminOptions { Token = "fifteen-chars-x" });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Admin__Token: is too short", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("fifteen-chars-x", failure, StringComparison.Ordinal);
    }
}

using BotHost.Slack.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BotHost.Slack.Tests;

public sealed class SlackOptionsValidatorTests
{
    [Fact]
    public void Problems_ValidSettings_None()
    {
        Assert.Empty(SlackOptionsValidator.Problems(TestOptions.Create()));
        Assert.Empty(SlackOptionsValidator.Problems(new SlackOptions()));
    }

    [Fact]
    public void Problems_SocketModeWithoutAppToken_NamesTheSetting()
    {
        var problem = Assert.Single(SlackOptionsValidator.Problems(new SlackOptions { SocketMode = true }));

        Assert.StartsWith("Slack__AppToken is required when Slack__SocketMode is true", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_SeveralMistakes_OneLinePerProblemAndNoSecretValue()
    {
        var options = new SlackOptions
        {
            BotToken = "xoxp-fake",
            AppToken = "xoxb-fake",
            ApiBaseUrl = new Uri("http://slack.example.org/api"),
            RequestTimeout = TimeSpan.Zero,
            SocketModeConnections = 11,
            ReconnectDelay = TimeSpan.FromMinutes(5),
        };

        var problems = SlackOptionsValidator.Problems(options);

        Assert.Equal(
        [
            "Slack__AppToken must be an app-level token starting with xapp- (Basic Information > App-Level Tokens).",
            "Slack__BotToken must be a bot token starting with xoxb- (OAuth & Permissions > Bot User OAuth Token).",
            "Slack__ApiBaseUrl must be an absolute https URL (plain http only for a loopback test server).",
            "Slack__RequestTimeout must be a positive duration such as 00:00:10.",
            "Slack__MaxReconnectDelay must not be shorter than Slack__ReconnectDelay.",
            "Slack__SocketModeConnections must be between 1 and 10.",
        ], problems);
        Assert.DoesNotContain(problems, p => p.Contains("xoxp-fake", StringComparison.Ordinal) || p.Contains("xoxb-fake", StringComparison.Ordinal));
    }

    [Fact]
    public void StartupValidator_InvalidSettings_HostDoesNotStartAndSaysWhy()
    {
        var settings = new Dictionary<string, string?> { ["Slack:SocketMode"] = "true", ["Slack:SocketModeConnections"] = "0" };
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSlack(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Slack__AppToken", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Slack__SocketModeConnections", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_DurationsAndFlags_ReadFromConfiguration()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Slack:SocketMode"] = "true",
            ["Slack:AppToken"] = TestOptions.AppToken,
            ["Slack:HelloTimeout"] = "00:00:30",
            ["Slack:ApiBaseUrl"] = "https://slack.example.org/api",
        };
        var services = new ServiceCollection().AddLogging();
        services.AddSlack(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SlackOptions>>().Value;

        Assert.True(options.SocketModeEnabled);
        Assert.Equal(TimeSpan.FromSeconds(30), options.HelloTimeout);
        Assert.Equal(new Uri("https://slack.example.org/api/chat.postMessage"), options.MethodUrl("chat.postMessage"));
    }
}

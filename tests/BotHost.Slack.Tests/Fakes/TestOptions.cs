using Microsoft.Extensions.Options;

namespace BotHost.Slack.Tests.Fakes;

/// <summary>Slack options for tests: a signing secret and tokens that look real, and the loopback API when given.</summary>
internal static class TestOptions
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotToken = "xoxb-test-bot-token-123";
    public const string AppToken = "xapp-1-test-app-token-456";

    public static SlackOptions Create(Uri? apiBaseUrl = null, Action<SlackOptions>? change = null)
    {
        var options = new SlackOptions { SigningSecret = SigningSecret, BotToken = BotToken, AppToken = AppToken };
        if (apiBaseUrl is not null) options.ApiBaseUrl = apiBaseUrl;
        change?.Invoke(options);
        return options;
    }

    public static IOptions<SlackOptions> Wrap(SlackOptions options) => Options.Create(options);
}

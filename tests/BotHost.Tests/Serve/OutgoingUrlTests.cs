using BotHost.Serve.Metrics;

namespace BotHost.Tests.Serve;

/// <summary>What an HttpClient span may show of an outgoing platform call: the route, never a token or an id.</summary>
public sealed class OutgoingUrlTests
{
    [Theory]
    [InlineData("https://slack.com/api/chat.postMessage", "https://slack.com/api/chat.postMessage")]
    [InlineData("https://slack.com/api/apps.connections.open?x=1", "https://slack.com/api/apps.connections.open")]
    [InlineData("https://hooks.slack.com/commands/T0001/1234567/fAkEsEcReTtOkEnWiThOuTdIgItS", "https://hooks.slack.com/commands/{id}/{id}/{id}")]
    [InlineData("https://discord.com/api/v10/channels/645027906669510667/messages", "https://discord.com/api/v10/channels/{id}/messages")]
    [InlineData("https://discord.com/api/v10/webhooks/775799577604522054/aW50ZXJhY3Rpb24ToKeN/messages/@original",
        "https://discord.com/api/v10/webhooks/{id}/{id}/messages/@original")]
    [InlineData("https://discord.com/api/v10/interactions/786008729715212338/token.with.dots/callback", "https://discord.com/api/v10/interactions/{id}/{id}/callback")]
    [InlineData("http://127.0.0.1:5000/hooks/cmd-1", "http://127.0.0.1:5000/hooks/{id}")]
    public void Redact_PlatformUrls_KeepsTheRouteAndHidesEverythingElse(string url, string expected)
    {
        Assert.Equal(expected, OutgoingUrl.Redact(new Uri(url)));
    }

    [Fact]
    public void Redact_NoUrl_IsNull()
    {
        Assert.Null(OutgoingUrl.Redact(null));
    }
}

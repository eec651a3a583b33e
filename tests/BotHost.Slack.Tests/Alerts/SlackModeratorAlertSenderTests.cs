using BotHost.Core.Safety;
using BotHost.Slack.Alerts;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing.Slack;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Tests.Alerts;

public sealed class SlackModeratorAlertSenderTests
{
    private static readonly ModeratorAlert Alert = new("slack", "T1", "C0MODS", UrgencyCategory.SextortionThreat, "C0PUBLIC1",
        new Uri("https://acme.slack.com/archives/C0PUBLIC1/p1700000100000200"), new DateTimeOffset(2026, 11, 22, 12, 30, 0, TimeSpan.Zero), 2);

    [Fact]
    public async Task SendAsync_Alert_PostedToTheAlertChannelWithCategoryChannelLinkAndTime()
    {
        await using var services = await SlackTestServices.StartAsync();

        await services.Get<IModeratorAlertSender>().SendAsync(Alert, CancellationToken.None);

        var body = Assert.Single(services.Server.RequestsTo("chat.postMessage")).Json();
        Assert.Equal("C0MODS", body.GetProperty("channel").GetString());
        var blocks = body.GetProperty("blocks");
        Assert.Equal(":rotating_light: *Someone may need help now* — a sextortion threat, in <#C0PUBLIC1> (2 messages from the same member).",
            blocks[0].GetProperty("text").GetProperty("text").GetString());
        var details = blocks[1].GetProperty("elements");
        Assert.Equal("2026-11-22 12:30 UTC", details[0].GetProperty("text").GetString());
        Assert.Equal("<https://acme.slack.com/archives/C0PUBLIC1/p1700000100000200|Open the message>", details[1].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("general")]
    [InlineData("<!channel>")]
    [InlineData("")]
    public async Task SendAsync_AlertChannelNotAnId_NotPostedAndLogged(string channel)
    {
        await using var services = await SlackTestServices.StartAsync();

        await services.Get<IModeratorAlertSender>().SendAsync(Alert with { AlertChannelId = channel }, CancellationToken.None);

        Assert.Empty(services.Server.Requests);
        Assert.Single(services.Logs.Containing("not a channel id", LogLevel.Error));
    }

    [Fact]
    public async Task SendAsync_BotNotInAlertChannel_ErrorTellsToInviteIt()
    {
        await using var services = await SlackTestServices.StartAsync();
        services.Server.Enqueue("chat.postMessage", LoopbackResponse.Error("not_in_channel"));

        await services.Get<IModeratorAlertSender>().SendAsync(Alert, CancellationToken.None);

        Assert.Single(services.Logs.Containing("invite the bot to that channel", LogLevel.Error));
    }

    [Fact]
    public void Render_ChannelIdWithMarkup_NotLinked()
    {
        var content = SlackAlertRenderer.Render(Alert with { ChannelId = "C1|<!here>" });

        Assert.DoesNotContain("<!here>", content.Text, StringComparison.Ordinal);
        Assert.Contains("in a channel", content.Text, StringComparison.Ordinal);
    }
}

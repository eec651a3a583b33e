using System.Globalization;
using BotHost.Core.Safety;
using BotHost.Discord.Rendering;
using BotHost.Discord.Rest;
using BotHost.Discord.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Discord.Alerts;

/// <summary>
/// Posts moderator alerts to a guild's alert channel: the category, the channel, the time and a jump link to the
/// message, never its text. Needs the bot token and the bot's permission to send messages in that channel.
/// </summary>
internal sealed partial class DiscordModeratorAlertSender(DiscordRestClient rest, IOptions<DiscordOptions> options, ILogger<DiscordModeratorAlertSender> logger)
    : IModeratorAlertSender
{
    public string Platform => DiscordAdapter.PlatformName;

    public async Task SendAsync(ModeratorAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!options.Value.HasBotToken)
        {
            LogNoToken(alert.CommunityId);
            return;
        }

        if (!IsSnowflake(alert.AlertChannelId))
        {
            LogBadAlertChannel(alert.CommunityId);
            return;
        }

        try
        {
            await rest.CreateMessageAsync(alert.AlertChannelId, Render(alert), cancellationToken);
            LogAlertSent(alert.CommunityId, alert.Category);
        }
        catch (DiscordApiException ex)
        {
            LogAlertFailed(ex, alert.CommunityId);
        }
    }

    public static MessagePayload Render(ModeratorAlert alert)
    {
        var channel = IsSnowflake(alert.ChannelId) ? $"<#{alert.ChannelId}>" : "a channel";
        var fields = new List<EmbedField>
        {
            new("When", $"<t:{alert.At.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}:f>") { Inline = true },
        };
        if (DiscordMarkdown.SafeUrl(alert.MessageLink) is { } link) fields.Add(new EmbedField("Message", $"[{AlertTexts.OpenMessage}]({link})") { Inline = true });
        return new MessagePayload
        {
            Content = AlertTexts.Headline + ".",
            Embeds =
            [
                new Embed
                {
                    Title = AlertTexts.Headline,
                    Description = $"An urgent message ({AlertTexts.Category(alert.Category)}) was posted in {channel}{AlertTexts.Repeats(alert.MergedCount)}.\n" +
                        AlertTexts.NotRepeated,
                    Color = 0xED4245,
                    Fields = fields,
                },
            ],
        };
    }

    /// <summary>Discord ids are snowflakes: 17 to 20 decimal digits.</summary>
    public static bool IsSnowflake(string? id) => id is { Length: >= 17 and <= 20 } && id.All(char.IsAsciiDigit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a Discord moderator alert ({Category}) in guild {CommunityId}")]
    private partial void LogAlertSent(string communityId, UrgencyCategory category);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Discord moderator alert for guild {CommunityId} could not be posted; give the bot Send Messages in the alert channel")]
    private partial void LogAlertFailed(Exception exception, string communityId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The alert channel of Discord guild {CommunityId} is not a channel id: moderator alerts are off until it is fixed")]
    private partial void LogBadAlertChannel(string communityId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Discord moderator alert for guild {CommunityId} was not sent: alerts need Discord__BotToken")]
    private partial void LogNoToken(string communityId);
}

using System.Text.Json;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Discord.Wire;

namespace BotHost.Discord.Interactions;

/// <summary>
/// Turns an application-command interaction into the pipeline's <see cref="IncomingMessage"/>: <c>/ask question:</c>,
/// <c>/hotlines [region]</c>, <c>/about</c>, and the message command, whose text is the target message's content
/// (answered privately to whoever ran it, never reposted).
/// </summary>
internal static class DiscordInteractionMapper
{
    public const string QuestionOption = "question";
    public const string RegionOption = "region";

    /// <summary>The message, or null when the interaction carries nothing to answer (an unknown command, a target without text).</summary>
    public static IncomingMessage? ToMessage(Interaction interaction, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.Type != Interaction.ApplicationCommand || interaction.Data is not { } data) return null;
        var guild = interaction.GuildId;
        var channel = interaction.SourceChannelId ?? string.Empty;
        var message = new IncomingMessage
        {
            Platform = DiscordAdapter.PlatformName,
            CommunityId = guild ?? string.Empty,
            ChannelId = channel,
            UserId = interaction.InvokerId ?? string.Empty,
            Text = string.Empty,
            Source = MessageSource.Command,
            IsPrivateConversation = guild is null,
            ReceivedAt = now,
        };

        if (data.Type == Wire.ApplicationCommand.MessageType)
        {
            if (data.TargetId is not { } target || data.Resolved?.Messages?.GetValueOrDefault(target) is not { } targeted) return null;
            if (string.IsNullOrWhiteSpace(targeted.Content)) return null;
            return message with
            {
                Source = MessageSource.ContextMenu,
                Text = targeted.Content,
                MessageId = targeted.Id,
                MessageLink = MessageLink(guild, targeted.ChannelId, targeted.Id),
            };
        }

        return data.Name switch
        {
            ChatCommand.Ask => message with { Command = ChatCommand.Ask, Text = StringOption(data, QuestionOption) },
            ChatCommand.Hotlines => message with { Command = ChatCommand.Hotlines, Text = StringOption(data, RegionOption) },
            ChatCommand.About => message with { Command = ChatCommand.About },
            _ => null,
        };
    }

    /// <summary>A jump link for moderator alerts: https://discord.com/channels/{guild}/{channel}/{message}.</summary>
    public static Uri? MessageLink(string? guildId, string channelId, string messageId) =>
        guildId is null ? null : new Uri($"https://discord.com/channels/{guildId}/{channelId}/{messageId}");

    private static string StringOption(InteractionData data, string name) =>
        data.Options?.FirstOrDefault(o => o.Name == name)?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() ?? string.Empty : string.Empty;
}

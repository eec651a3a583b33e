using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using BotHost.Discord.Interactions;
using BotHost.Discord.Rendering;
using BotHost.Discord.Rest;
using BotHost.Discord.Wire;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Messages;

/// <summary>
/// Answers MESSAGE_CREATE from the gateway: DMs to the bot and messages that mention it; never its own messages,
/// other bots' or webhooks'. Where the reply goes is <see cref="ReplyRouting"/>'s decision: in the channel, or by DM
/// with the route's neutral channel line (none where the community turned <c>dm_notice</c> off). When the member's
/// DMs are closed, the channel gets a hint to use /ask instead, which names no topic either.
/// </summary>
internal sealed partial class DiscordMessageProcessor(
    MessagePipeline pipeline,
    ICommunityDirectory communities,
    DiscordRestClient rest,
    DiscordBotIdentity identity,
    TimeProvider time,
    BotMetrics metrics,
    ILogger<DiscordMessageProcessor> logger)
{
    /// <summary>Discord's JSON error code "Cannot send messages to this user" (DMs closed).</summary>
    public const int CannotMessageUser = 50007;

    /// <summary>The message to answer, or null (with why, for the log) when the bot stays silent.</summary>
    public IncomingMessage? ToIncoming(DiscordMessage message, out string? ignoredBecause)
    {
        ArgumentNullException.ThrowIfNull(message);
        ignoredBecause = null;
        var self = identity.UserId;
        if (message.Author is not { } author || author.Bot == true || message.WebhookId is not null || author.Id == self)
        {
            ignoredBecause = "from a bot, a webhook or the bot itself";
            return null;
        }

        var direct = message.GuildId is null;
        var mentioned = self is not null && (message.Mentions?.Any(m => m.Id == self) == true || MentionText.Mentions(message.Content, self));
        if (!direct && !mentioned)
        {
            ignoredBecause = "neither a DM nor a mention of the bot";
            return null;
        }

        return new IncomingMessage
        {
            Platform = DiscordAdapter.PlatformName,
            CommunityId = message.GuildId ?? string.Empty,
            ChannelId = message.ChannelId,
            UserId = author.Id,
            Text = self is null ? message.Content ?? string.Empty : MentionText.Strip(message.Content ?? string.Empty, self),
            Source = direct ? MessageSource.DirectMessage : MessageSource.Mention,
            MessageId = message.Id,
            MessageLink = DiscordInteractionMapper.MessageLink(message.GuildId, message.ChannelId, message.Id),
            IsPrivateConversation = direct,
            ReceivedAt = time.GetUtcNow(),
        };
    }

    public async Task ProcessAsync(DiscordMessage message, CancellationToken cancellationToken)
    {
        if (ToIncoming(message, out var why) is not { } incoming)
        {
            LogIgnored(why!);
            return;
        }

        var reply = await pipeline.HandleAsync(incoming, cancellationToken);
        var route = ReplyRouting.Route(incoming, reply, communities.Find(DiscordAdapter.PlatformName, incoming.CommunityId), askerOnlyForMentions: false);
        if (route.Destination == ReplyDestination.None) return;
        var answer = new MessageReference(message.Id);
        var payload = Render(reply);
        if (route.Destination == ReplyDestination.Channel)
        {
            await rest.CreateMessageAsync(message.ChannelId, payload with { MessageReference = answer }, cancellationToken);
            return;
        }

        try
        {
            var dm = await rest.OpenDirectMessageAsync(incoming.UserId, cancellationToken);
            await rest.CreateMessageAsync(dm, payload, cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.Code == CannotMessageUser)
        {
            LogDmClosed();
            await rest.CreateMessageAsync(message.ChannelId, Line(DiscordTexts.DmClosed, answer), cancellationToken);
            return;
        }

        if (route.ChannelLine is { } line) await rest.CreateMessageAsync(message.ChannelId, Line(line, answer), cancellationToken);
    }

    private MessagePayload Render(Reply reply)
    {
        using var stage = metrics.Stage(PipelineStages.Render);
        return DiscordRenderer.Render(reply, ephemeral: false);
    }

    private static MessagePayload Line(string text, MessageReference reference) =>
        DiscordRenderer.Render(Reply.Text(ReplyKind.Help, ReplyVisibility.Public, text), ephemeral: false) with { MessageReference = reference };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord message ignored: {Reason}")]
    private partial void LogIgnored(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "A Discord member's DMs are closed; posted a neutral hint to use /ask instead")]
    private partial void LogDmClosed();
}

using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using BotHost.Slack.Api;
using BotHost.Slack.Rendering;
using BotHost.Slack.Wire;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Replies;

/// <summary>
/// Sends a reply where <see cref="ReplyRouting"/> says it goes:
/// <list type="bullet">
/// <item>in the channel: a mention is answered in its thread (<c>thread_ts ?? ts</c>), a DM in the DM;</item>
/// <item>by DM (<c>conversations.open</c>, kept by the member, unlike an ephemeral message that disappears on reload),
/// with the route's pointer shown only to the asker as an ephemeral message; when the DM fails, the whole reply goes
/// as an ephemeral message instead;</item>
/// <item>a slash command through its <c>response_url</c>: <c>in_channel</c> when routed to the channel, else ephemeral.</item>
/// </list>
/// Blocks Slack rejects (<c>invalid_blocks</c>) are sent again as plain text, so the member still gets the answer.
/// </summary>
internal sealed partial class SlackReplySender(SlackApiClient api, ICommunityDirectory communities, BotMetrics metrics, ILogger<SlackReplySender> logger)
{
    private const string InvalidBlocks = "invalid_blocks";

    /// <summary>Replies to a mention or a DM through the Web API.</summary>
    public async Task SendAsync(SlackConversation to, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(reply);
        var source = to.IsDirectMessage ? MessageSource.DirectMessage : MessageSource.Mention;
        var route = ReplyRouting.Route(source, to.IsDirectMessage, reply, Community(to), askerOnlyForMentions: true);
        switch (route.Destination)
        {
            case ReplyDestination.Channel:
                await PostAsync(to.ChannelId, to.IsDirectMessage ? to.ThreadTs : to.ThreadTs ?? to.MessageTs, reply, Render(reply), cancellationToken);
                break;
            case ReplyDestination.DirectMessage:
                await SendPrivatelyAsync(to, reply, route.AskerPointer, Render(reply), cancellationToken);
                break;
        }
    }

    /// <summary>Replies to a slash command through its response_url (or, without one, ephemerally through the Web API).</summary>
    public async Task RespondToCommandAsync(SlackConversation to, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Kind == ReplyKind.Ignored)
        {
            reply = Reply.Text(ReplyKind.Ignored, ReplyVisibility.Private, BotTexts.NotAnsweredHere);
        }

        var content = Render(reply);
        if (to.ResponseUrl is not { } url)
        {
            await PostEphemeralAsync(to, reply, content, cancellationToken);
            return;
        }

        var type = ResponseType(to, reply);
        var message = new ResponseUrlMessage(type, content.Text) { Blocks = NonEmpty(content.Blocks) };
        var error = await api.RespondAsync(url, message, cancellationToken);
        if (error == InvalidBlocks) error = await api.RespondAsync(url, message with { Blocks = null, Text = SlackPlainTextRenderer.Render(reply) }, cancellationToken);
        if (error is null) LogResponded(reply.Kind, type);
    }

    /// <summary>Thanks the member for a feedback click, visibly only to them.</summary>
    public async Task AcknowledgeFeedbackAsync(Uri responseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        var message = new ResponseUrlMessage(ResponseUrlMessage.Ephemeral, SlackMrkdwn.Escape(BotTexts.FeedbackThanks)) { ReplaceOriginal = false };
        await api.RespondAsync(responseUrl, message, cancellationToken);
    }

    /// <summary><c>in_channel</c> when <see cref="ReplyRouting"/> routes a command's reply to the channel, else ephemeral.</summary>
    public string ResponseType(SlackConversation to, Reply reply)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(reply);
        var route = ReplyRouting.Route(MessageSource.Command, to.IsDirectMessage, reply, Community(to), askerOnlyForMentions: true);
        return route.Destination == ReplyDestination.Channel ? ResponseUrlMessage.InChannel : ResponseUrlMessage.Ephemeral;
    }

    private CommunitySettings Community(SlackConversation to) => communities.Find(SlackAdapter.PlatformName, to.TeamId);

    private async Task SendPrivatelyAsync(SlackConversation to, Reply reply, string? pointer, SlackMessageContent content, CancellationToken cancellationToken)
    {
        var dm = await api.OpenDirectMessageAsync(to.UserId, cancellationToken);
        if (dm.Response?.Channel?.Id is { } dmChannel && await PostAsync(dmChannel, null, reply, content, cancellationToken))
        {
            // A pointer only the asker sees; ephemeral thread replies show only in an existing thread (chat.postEphemeral spec).
            if (pointer is null) return;
            var notice = new ChatPostEphemeralRequest(to.ChannelId, to.UserId, SlackMrkdwn.Escape(pointer)) { ThreadTs = to.ThreadTs };
            await api.PostEphemeralAsync(notice, cancellationToken);
            return;
        }

        LogDirectMessageFailed(dm.Error ?? "chat.postMessage failed");
        await PostEphemeralAsync(to, reply, content, cancellationToken);
    }

    private async Task<bool> PostAsync(string channel, string? threadTs, Reply reply, SlackMessageContent content, CancellationToken cancellationToken)
    {
        var request = new ChatPostMessageRequest(channel, content.Text) { Blocks = NonEmpty(content.Blocks), ThreadTs = threadTs };
        var result = await api.PostMessageAsync(request, cancellationToken);
        if (result.Error == InvalidBlocks) result = await api.PostMessageAsync(request with { Blocks = null, Text = SlackPlainTextRenderer.Render(reply) }, cancellationToken);
        if (result.Ok) LogPosted(reply.Kind, threadTs is not null);
        return result.Ok;
    }

    private async Task PostEphemeralAsync(SlackConversation to, Reply reply, SlackMessageContent content, CancellationToken cancellationToken)
    {
        var request = new ChatPostEphemeralRequest(to.ChannelId, to.UserId, content.Text) { Blocks = NonEmpty(content.Blocks), ThreadTs = to.ThreadTs };
        var result = await api.PostEphemeralAsync(request, cancellationToken);
        if (result.Error == InvalidBlocks) await api.PostEphemeralAsync(request with { Blocks = null, Text = SlackPlainTextRenderer.Render(reply) }, cancellationToken);
    }

    private SlackMessageContent Render(Reply reply)
    {
        using var stage = metrics.Stage(PipelineStages.Render);
        return SlackBlockKitRenderer.Render(reply);
    }

    private static IReadOnlyList<SlackBlock>? NonEmpty(IReadOnlyList<SlackBlock> blocks) => blocks.Count > 0 ? blocks : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Posted a {Kind} reply on Slack (in a thread: {InThread})")]
    private partial void LogPosted(ReplyKind kind, bool inThread);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered a Slack command with a {Kind} reply ({ResponseType})")]
    private partial void LogResponded(ReplyKind kind, string responseType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send a private Slack reply by DM ({Error}); sending it as an ephemeral message instead. The app needs the im:write scope")]
    private partial void LogDirectMessageFailed(string error);
}

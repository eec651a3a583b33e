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
/// Sends a reply where it belongs, privately when the safety rules say so (<see cref="Reply.IsPrivate"/>):
/// <list type="bullet">
/// <item>a mention answered publicly goes in the mention's thread (<c>thread_ts ?? ts</c>);</item>
/// <item>a mention answered privately goes by DM (<c>conversations.open</c>, kept by the member, unlike an ephemeral
/// message that disappears on reload), and only the asker sees a pointer to it (<see cref="Reply.PrivateNotice"/> as an
/// ephemeral message). Nothing is posted publicly: a public notice would tell the channel that the member's question
/// was sensitive. When the DM fails, the whole reply goes as an ephemeral message instead;</item>
/// <item>a DM is answered in the DM;</item>
/// <item>a slash command is answered through its <c>response_url</c>, ephemeral unless the reply is a non-sensitive
/// answer, hotline list or about text and the community does not keep answers private.</item>
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
        if (reply.Kind == ReplyKind.Ignored) return;
        var content = Render(reply);
        if (to.IsDirectMessage)
        {
            await PostAsync(to.ChannelId, to.ThreadTs, reply, content, cancellationToken);
        }
        else if (!reply.IsPrivate)
        {
            await PostAsync(to.ChannelId, to.ThreadTs ?? to.MessageTs, reply, content, cancellationToken);
        }
        else
        {
            await SendPrivatelyAsync(to, reply, content, cancellationToken);
        }
    }

    /// <summary>Replies to a slash command through its response_url (or, without one, ephemerally through the Web API).</summary>
    public async Task RespondToCommandAsync(SlackConversation to, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Kind == ReplyKind.Ignored)
        {
            reply = Reply.Text(ReplyKind.Ignored, ReplyVisibility.Private, SlackTexts.NotAnsweredHere);
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
        var message = new ResponseUrlMessage(ResponseUrlMessage.Ephemeral, SlackMrkdwn.Escape(SlackTexts.FeedbackThanks)) { ReplaceOriginal = false };
        await api.RespondAsync(responseUrl, message, cancellationToken);
    }

    /// <summary><c>in_channel</c> only for a non-sensitive answer, hotline list or about text where the community allows it.</summary>
    public string ResponseType(SlackConversation to, Reply reply)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(reply);
        return SlackReplySenderRules.IsShareable(reply) && !communities.Find(SlackAdapter.PlatformName, to.TeamId).PrivateByDefault
            ? ResponseUrlMessage.InChannel
            : ResponseUrlMessage.Ephemeral;
    }

    private async Task SendPrivatelyAsync(SlackConversation to, Reply reply, SlackMessageContent content, CancellationToken cancellationToken)
    {
        var dm = await api.OpenDirectMessageAsync(to.UserId, cancellationToken);
        if (dm.Response?.Channel?.Id is { } dmChannel && await PostAsync(dmChannel, null, reply, content, cancellationToken))
        {
            // A pointer only the asker sees; ephemeral thread replies show only in an existing thread (chat.postEphemeral spec).
            var notice = new ChatPostEphemeralRequest(to.ChannelId, to.UserId, SlackMrkdwn.Escape(reply.PrivateNotice)) { ThreadTs = to.ThreadTs };
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

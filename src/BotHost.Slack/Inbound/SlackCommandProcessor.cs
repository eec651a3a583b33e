using BotHost.Core.Pipeline;
using BotHost.Slack.Events;
using BotHost.Slack.Replies;

namespace BotHost.Slack.Inbound;

/// <summary>Answers a slash command through its response_url. Runs on the work queue.</summary>
internal sealed class SlackCommandProcessor(MessagePipeline pipeline, SlackReplySender sender)
{
    public async Task ProcessAsync(SlackInboundMessage inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var reply = await pipeline.HandleAsync(inbound.Message, cancellationToken);
        await sender.RespondToCommandAsync(inbound.Conversation, reply, cancellationToken);
    }
}

using BotHost.Core.Messages;
using BotHost.Core.Safety;

namespace BotHost.Core.Pipeline;

/// <summary>
/// Keeps the bot out of channels its community excludes (<c>answer_channels</c> / <c>ignore_channels</c> in
/// communities.yaml). A mention there gets silence (<see cref="ReplyKind.Ignored"/>): the channel did not ask for the
/// bot. A slash command or context-menu action gets a private hint instead, because the member invoked the bot
/// directly and the platform shows silence as a failure. Direct messages are never filtered, and neither is a message
/// the safety rules find urgent: someone who may be in danger gets the private urgent reply (and the moderators their
/// alert) wherever they wrote.
/// </summary>
public sealed class ChannelFilterHandler(IUrgencyClassifier? urgency = null) : IMessageHandler
{
    public int Order => HandlerOrder.Channels;

    public ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        if (message.IsPrivateConversation || context.Community.AnswersIn(message.ChannelId)) return ValueTask.FromResult<Reply?>(null);
        if (urgency?.Classify(message.Text) is not null) return ValueTask.FromResult<Reply?>(null);
        var reply = message.Source switch
        {
            MessageSource.Mention => new Reply { Kind = ReplyKind.Ignored, Visibility = ReplyVisibility.Private, Blocks = [] },
            MessageSource.Command or MessageSource.ContextMenu => Reply.Text(ReplyKind.Help, ReplyVisibility.Private, BotTexts.NotAnsweredHere),
            _ => null,
        };
        return ValueTask.FromResult(reply);
    }
}

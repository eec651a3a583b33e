using BotHost.Core.Messages;
using BotHost.Knowledge.Answers;

namespace BotHost.Core.Pipeline;

/// <summary>
/// The last handler: answers from the knowledge base, or declines with general help. Answers from sensitive
/// articles are private wherever the platform allows.
/// </summary>
public sealed class AskHandler : IMessageHandler
{
    public int Order => HandlerOrder.Ask;

    public ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = context.Knowledge.Ask(context.Message.Text, new AskContext(context.Community.Region));
        return ValueTask.FromResult<Reply?>(answer.IsDeclined ? Declined(context, answer) : Answered(context, answer));
    }

    public static Reply Answered(MessageContext context, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answer);
        var blocks = new List<ReplyBlock>();
        if (answer.Corrections.Count > 0)
        {
            blocks.Add(new TextBlock(BotTexts.ShowingResultsFor + string.Join(", ", answer.Corrections.Select(c => c.ReadAs))));
        }

        blocks.AddRange(answer.Passages.Select(p => new PassageBlock(p)));
        if (answer.Hotlines.Count > 0) blocks.Add(new HotlinesBlock(BotTexts.AnswerHotlinesTitle, answer.Hotlines));
        return new Reply
        {
            Kind = ReplyKind.Answer,
            Visibility = answer.Sensitive ? ReplyVisibility.Private : context.DefaultVisibility,
            Blocks = blocks,
            Feedback = new FeedbackTarget(answer.Passages[0].ArticleId, ReplyKind.Answer),
        };
    }

    private static Reply Declined(MessageContext context, Answer answer)
    {
        var blocks = new List<ReplyBlock> { new TextBlock(BotTexts.Declined) };
        if (answer.Hotlines.Count > 0) blocks.Add(new HotlinesBlock(BotTexts.DeclinedHotlinesTitle, answer.Hotlines));
        return new Reply { Kind = ReplyKind.Declined, Visibility = context.DefaultVisibility, Blocks = blocks };
    }
}

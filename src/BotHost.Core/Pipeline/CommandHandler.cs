using BotHost.Core.Messages;
using BotHost.Knowledge.Hotlines;

namespace BotHost.Core.Pipeline;

/// <summary>Answers <c>/hotlines [region]</c>, <c>/about</c> and <c>help</c>; <c>/ask</c> falls through to the answer.</summary>
public sealed class CommandHandler : IMessageHandler
{
    /// <summary>The article quoted by <c>/about</c>.</summary>
    public const string AboutArticleId = "about-this-bot";

    public int Order => HandlerOrder.Commands;

    public ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = ChatCommand.Parse(context.Message);
        var reply = command?.Name switch
        {
            ChatCommand.Hotlines => Hotlines(context, command.Argument),
            ChatCommand.About => About(context),
            ChatCommand.Help => Help(context),
            ChatCommand.Ask when string.IsNullOrWhiteSpace(command.Argument) => Help(context),
            _ when command is null && string.IsNullOrWhiteSpace(context.Message.Text) => Help(context),
            _ => null,
        };
        return ValueTask.FromResult(reply);
    }

    private static Reply Hotlines(MessageContext context, string argument)
    {
        var directory = context.Knowledge.Hotlines;
        var region = argument.Length == 0 ? context.Community.Region : RegionCode.Normalize(argument);
        if (region is null)
        {
            // Only the asker sees it: a mistake is no one else's business, and the channel is spared the noise.
            return Reply.Text(ReplyKind.Hotlines, ReplyVisibility.Private, BotTexts.UnknownRegion(directory.Regions()));
        }

        return new Reply
        {
            Kind = ReplyKind.Hotlines,
            Visibility = context.DefaultVisibility,
            Blocks = [new HotlinesBlock(BotTexts.HotlinesTitle(region), directory.ForRegion(region))],
        };
    }

    private static Reply About(MessageContext context)
    {
        var knowledge = context.Knowledge;
        var article = knowledge.Articles.FirstOrDefault(a => a.Id == AboutArticleId);
        if (article is null) return Reply.Text(ReplyKind.About, context.DefaultVisibility, BotTexts.AboutFallback);
        var blocks = new List<ReplyBlock>();
        for (var i = 0; i < article.Sections.Count && i < 2; i++)
        {
            if (knowledge.Quote(AboutArticleId, i) is { } passage) blocks.Add(new PassageBlock(passage));
        }

        return new Reply { Kind = ReplyKind.About, Visibility = context.DefaultVisibility, Blocks = blocks };
    }

    private static Reply Help(MessageContext context) => Reply.Text(ReplyKind.Help, context.DefaultVisibility, BotTexts.Help);
}

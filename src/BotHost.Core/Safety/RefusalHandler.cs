using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace BotHost.Core.Safety;

/// <summary>
/// Requests for abuse material, or for ways to approach, groom or exploit a child, get one calm line and the
/// prevention resources (refusal.yaml names the article), never an answer.
/// </summary>
public sealed partial class RefusalHandler(ILogger<RefusalHandler> logger) : IMessageHandler
{
    public int Order => HandlerOrder.Refusal;

    public ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var refusal = context.Knowledge.Safety.Refusal;
        if (refusal is null || !context.Knowledge.Safety.IsRefused(context.Message.Text)) return ValueTask.FromResult<Reply?>(null);

        LogRefused(context.Message.Platform, context.Message.Source);
        var blocks = new List<ReplyBlock> { new TextBlock(refusal.Message) };
        if (context.Knowledge.Quote(refusal.ArticleId) is { } passage) blocks.Add(new PassageBlock(passage));
        var article = context.Knowledge.Articles.FirstOrDefault(a => a.Id == refusal.ArticleId);
        if (article is not null)
        {
            var hotlines = context.Knowledge.Hotlines.Select(article.HotlineIds, context.Community.Region);
            if (hotlines.Count > 0) blocks.Add(new HotlinesBlock(BotTexts.RefusalHotlinesTitle, hotlines));
        }

        return ValueTask.FromResult<Reply?>(new Reply { Kind = ReplyKind.Refusal, Visibility = ReplyVisibility.Private, Blocks = blocks });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a request on {Platform} ({Source}) and pointed to prevention help")]
    private partial void LogRefused(string platform, MessageSource source);
}

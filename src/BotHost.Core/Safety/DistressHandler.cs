using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Knowledge;
using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Safety;
using Microsoft.Extensions.Logging;

namespace BotHost.Core.Safety;

/// <summary>
/// The distress safety net (issue #13 item 5): a message that reads as a member in distress but fits no urgent category
/// (and is not refused) never gets a bare decline or an article on its own. It gets, privately, urgent.yaml's
/// <c>distress.message</c> and the region's first two lines to talk to (from hotlines.yaml), then the best article's
/// passage when one answers it (never one written for people worried about their own thoughts: the knowledge base reads
/// the message as at risk). Moderators are not alerted: nothing says anyone is in danger now.
/// </summary>
public sealed partial class DistressHandler(ILogger<DistressHandler> logger) : IMessageHandler
{
    public int Order => HandlerOrder.Distress;

    public ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message.Source == MessageSource.Command && context.Message.Command is not (null or "ask")) return ValueTask.FromResult<Reply?>(null);
        if (context.Knowledge.Safety.Urgent?.Distress is not { } distress || context.Knowledge.Safety.MatchDistress(context.Message.Text) is null)
        {
            return ValueTask.FromResult<Reply?>(null);
        }

        LogDistress(context.Message.Platform);
        return ValueTask.FromResult<Reply?>(UrgentHandler.WithAnswer(Build(context.Knowledge, distress, context.Community.Region), context, ReplyKind.Distress));
    }

    /// <summary>The distress reply for a region, all of it quoted from urgent.yaml and hotlines.yaml.</summary>
    public static Reply Build(KnowledgeBase knowledge, DistressRules distress, string region)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(distress);
        var blocks = new List<ReplyBlock> { new TextBlock(distress.Message) };
        var services = ServicesFor(knowledge.Hotlines, distress, region);
        if (services.Count > 0) blocks.Add(new HotlinesBlock(BotTexts.DistressServicesTitle, services));
        return new Reply { Kind = ReplyKind.Distress, Visibility = ReplyVisibility.Private, Blocks = blocks };
    }

    /// <summary>The first lines of the distress list (best first, as maintainers ordered it) that serve the region.</summary>
    public static IReadOnlyList<Hotline> ServicesFor(HotlineDirectory hotlines, DistressRules distress, string region)
    {
        ArgumentNullException.ThrowIfNull(hotlines);
        ArgumentNullException.ThrowIfNull(distress);
        return [.. hotlines.Select(distress.Hotlines, RegionCode.Normalize(region) ?? RegionCode.International).Take(UrgentHandler.MaxServices)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message on {Platform} reads as distress; replying privately with lines to talk to")]
    private partial void LogDistress(string platform);
}

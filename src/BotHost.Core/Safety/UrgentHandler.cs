using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Knowledge;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Safety;
using Microsoft.Extensions.Logging;

namespace BotHost.Core.Safety;

/// <summary>
/// Danger first: an urgent message gets, privately and before any knowledge answer, the quoted wording of
/// urgent.yaml, the region's emergency number, the one or two services for that danger and three steps, then the
/// best article's passage when one answers it; the community's moderators are alerted (category, channel, link,
/// time; never the text).
/// </summary>
public sealed partial class UrgentHandler(IEnumerable<IUrgentAlerter> alerters, ILogger<UrgentHandler> logger) : IMessageHandler
{
    /// <summary>At most this many category services are shown, so the reply stays short enough to act on.</summary>
    public const int MaxServices = 2;

    private readonly IUrgentAlerter[] _alerters = [.. alerters];

    public int Order => HandlerOrder.Urgent;

    public async ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message.Source == MessageSource.Command && context.Message.Command is not (null or "ask")) return null;
        if (context.Knowledge.Safety.ClassifyUrgent(context.Message.Text) is not { } category) return null;

        var urgency = UrgencyClassifier.ToCategory(category.Id);
        LogUrgent(context.Message.Platform, urgency);
        foreach (var alerter in _alerters)
        {
            try
            {
                await alerter.RaiseAsync(context.Message, context.Community, urgency, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogAlertFailed(ex, context.Message.Platform, urgency);
            }
        }

        var reply = Build(context.Knowledge, category, context.Community.Region) with { UrgentCategory = category.Id };
        return WithAnswer(reply, context, ReplyKind.Urgent);
    }

    /// <summary>
    /// <paramref name="reply"/> (urgent or distress help) followed by the vetted passage that answers the message, when one
    /// does; its hotlines are already above.
    /// </summary>
    internal static Reply WithAnswer(Reply reply, MessageContext context, ReplyKind kind)
    {
        var answer = context.Knowledge.Ask(context.Message.Text, new AskContext(context.Community.Region));
        if (answer.IsDeclined) return reply;
        return reply with
        {
            Blocks = [.. reply.Blocks, new PassageBlock(answer.Passages[0])],
            Feedback = new FeedbackTarget(answer.Passages[0].ArticleId, kind),
        };
    }

    /// <summary>The urgent reply for a category and region, all of it quoted from urgent.yaml and hotlines.yaml.</summary>
    public static Reply Build(KnowledgeBase knowledge, UrgentCategoryRules category, string region)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(category);
        var blocks = new List<ReplyBlock> { new TextBlock(category.Message) };
        var emergency = knowledge.Hotlines.Emergency(region);
        if (emergency.Count > 0)
        {
            blocks.Add(new HotlinesBlock(BotTexts.EmergencyTitle, emergency));
        }
        else
        {
            blocks.Add(new TextBlock(knowledge.Safety.Urgent!.EmergencyFallback));
        }

        var services = ServicesFor(knowledge.Hotlines, category, region);
        if (services.Count > 0) blocks.Add(new HotlinesBlock(BotTexts.UrgentServicesTitle, services));
        blocks.Add(new StepsBlock(BotTexts.UrgentStepsTitle, category.Steps));
        return new Reply { Kind = ReplyKind.Urgent, Visibility = ReplyVisibility.Private, Blocks = blocks };
    }

    /// <summary>The first services of the category's list (best first, as maintainers ordered it) that serve the region.</summary>
    public static IReadOnlyList<Hotline> ServicesFor(HotlineDirectory hotlines, UrgentCategoryRules category, string region)
    {
        ArgumentNullException.ThrowIfNull(hotlines);
        ArgumentNullException.ThrowIfNull(category);
        return [.. hotlines.Select(category.Hotlines, region).Take(MaxServices)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Urgent message on {Platform}: {Category}; replying privately with urgent help")]
    private partial void LogUrgent(string platform, UrgencyCategory category);

    [LoggerMessage(Level = LogLevel.Error, Message = "Moderator alert failed on {Platform} ({Category}); the member still gets urgent help")]
    private partial void LogAlertFailed(Exception exception, string platform, UrgencyCategory category);
}

/// <summary>Told about every urgent message (the moderator alert service); failures never block the member's reply.</summary>
public interface IUrgentAlerter
{
    Task RaiseAsync(IncomingMessage message, Communities.CommunitySettings community, UrgencyCategory category, CancellationToken cancellationToken);
}

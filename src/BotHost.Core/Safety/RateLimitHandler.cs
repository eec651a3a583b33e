using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Safety;

/// <summary>
/// Limits each member to <see cref="RateLimitOptions.QuestionsPerMinute"/> messages in any sliding minute, with a
/// polite private reply beyond it. Urgent messages are never limited, and the console is not limited. The window is
/// kept by <see cref="IRateLimitStore"/> under the member's <see cref="MemberKey"/> only: this process's memory by
/// default, Redis when replicas share a member's messages.
/// </summary>
public sealed partial class RateLimitHandler(IOptions<RateLimitOptions> options, IUrgencyClassifier urgency, IRateLimitStore store, MemberKey members,
    ILogger<RateLimitHandler> logger, BotMetrics? metrics = null) : IMessageHandler
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public const string LimitedText =
        "You've asked a lot of questions in a short time, so please wait a minute before the next one. " +
        "If you or someone else is in danger right now, contact your local emergency number.";

    public int Order => HandlerOrder.RateLimit;

    public async ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = options.Value.QuestionsPerMinute;
        var message = context.Message;
        if (limit <= 0 || message.Source == MessageSource.Console) return null;
        if (urgency.Classify(message.Text) is not null) return null;

        var key = "rate:" + members.For(message.Platform, message.CommunityId, message.UserId);
        if (await store.TryAcquireAsync(key, limit, Window, cancellationToken)) return null;

        metrics?.RateLimited(message.Platform, BotMetrics.MemberLimit);
        LogLimited(message.Platform, limit);
        return Reply.Text(ReplyKind.RateLimited, ReplyVisibility.Private, LimitedText);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A member on {Platform} passed {Limit} questions a minute and was asked to wait")]
    private partial void LogLimited(string platform, int limit);
}

using System.Collections.Concurrent;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Safety;

/// <summary>
/// Limits each member to <see cref="RateLimitOptions.QuestionsPerMinute"/> messages in any sliding minute, with a
/// polite private reply beyond it. Urgent messages are never limited, and the console is not limited. A sliding
/// window over the injected <see cref="TimeProvider"/> (System.Threading.RateLimiting's limiters read the wall
/// clock, which tests could not advance); members are held by hashed key only and forgotten when idle.
/// </summary>
public sealed partial class RateLimitHandler(IOptions<RateLimitOptions> options, IUrgencyClassifier urgency, TimeProvider time,
    ILogger<RateLimitHandler> logger, BotMetrics? metrics = null) : IMessageHandler
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public const string LimitedText =
        "You've asked a lot of questions in a short time, so please wait a minute before the next one. " +
        "If you or someone else is in danger right now, contact your local emergency number.";

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _members = new(StringComparer.Ordinal);
    private long _checks;

    public int Order => HandlerOrder.RateLimit;

    public ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = options.Value.QuestionsPerMinute;
        var message = context.Message;
        if (limit <= 0 || message.Source == MessageSource.Console) return ValueTask.FromResult<Reply?>(null);
        if (urgency.Classify(message.Text) is not null) return ValueTask.FromResult<Reply?>(null);

        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _checks) % 1024 == 0) Forget(now);
        var times = _members.GetOrAdd(MemberKey.For(message.Platform, message.CommunityId, message.UserId), _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            while (times.Count > 0 && now - times.Peek() >= Window) times.Dequeue();
            if (times.Count < limit)
            {
                times.Enqueue(now);
                return ValueTask.FromResult<Reply?>(null);
            }
        }

        metrics?.RateLimited(message.Platform, BotMetrics.MemberLimit);
        LogLimited(message.Platform, limit);
        return ValueTask.FromResult<Reply?>(Reply.Text(ReplyKind.RateLimited, ReplyVisibility.Private, LimitedText));
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, times) in _members)
        {
            lock (times)
            {
                if (times.Count == 0 || now - times.Last() >= Window) _members.TryRemove(key, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A member on {Platform} passed {Limit} questions a minute and was asked to wait")]
    private partial void LogLimited(string platform, int limit);
}

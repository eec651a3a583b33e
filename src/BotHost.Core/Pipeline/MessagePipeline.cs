using System.Diagnostics;
using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Messages;
using Microsoft.Extensions.Logging;

namespace BotHost.Core.Pipeline;

/// <summary>
/// Runs a message through the handlers in order and returns the first reply. This is the only path from a member's
/// message to a reply, for every platform including the console. It is a boundary: a handler's bug becomes an error
/// reply and a log line (without the member's text), never a silent drop.
/// </summary>
public sealed partial class MessagePipeline
{
    private readonly IMessageHandler[] _handlers;
    private readonly IKnowledgeProvider _knowledge;
    private readonly ICommunityDirectory _communities;
    private readonly BotMetrics _metrics;
    private readonly ILogger<MessagePipeline> _logger;
    private readonly IReplyObserver[] _observers;

    public MessagePipeline(IEnumerable<IMessageHandler> handlers, IKnowledgeProvider knowledge, ICommunityDirectory communities,
        BotMetrics metrics, ILogger<MessagePipeline> logger, IEnumerable<IReplyObserver>? observers = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _handlers = [.. handlers.OrderBy(h => h.Order)];
        _observers = [.. observers ?? []];
        _knowledge = knowledge;
        _communities = communities;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = Stopwatch.GetTimestamp();
        _metrics.Received(message.Platform);
        Reply reply;
        var community = _communities.Find(message.Platform, message.CommunityId);
        try
        {
            var context = new MessageContext(message, community, _knowledge.Current);
            reply = await RunHandlersAsync(context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, message.Platform, message.Source);
            reply = Reply.Text(ReplyKind.Error, ReplyVisibility.Private, BotTexts.Error);
        }

        foreach (var observer in _observers)
        {
            try
            {
                observer.OnReplied(message, community, reply);
            }
            catch (Exception ex)
            {
                LogObserverFailed(ex, message.Platform);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        _metrics.Replied(message.Platform, reply.Kind, elapsed);
        LogReplied(message.Platform, message.Source, reply.Kind, reply.Visibility, elapsed.TotalMilliseconds);
        return reply;
    }

    private async Task<Reply> RunHandlersAsync(MessageContext context, CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers)
        {
            if (await handler.HandleAsync(context, cancellationToken) is { } reply) return reply;
        }

        throw new InvalidOperationException("No handler replied; the Ask handler must always reply.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replied on {Platform} ({Source}) with {Kind}, {Visibility}, in {ElapsedMs:0.0} ms")]
    private partial void LogReplied(string platform, MessageSource source, ReplyKind kind, ReplyVisibility visibility, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a {Platform} reply for the gap analytics failed; the member's reply is unaffected")]
    private partial void LogObserverFailed(Exception exception, string platform);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler failed on a {Platform} message ({Source}); the member got an error reply")]
    private partial void LogHandlerFailed(Exception exception, string platform, MessageSource source);
}

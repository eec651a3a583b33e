using System.Diagnostics;
using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Pipeline;

/// <summary>
/// Runs a message through the handlers in order and returns the first reply, fitted to a phone screen
/// (<see cref="ReplyFit"/>). This is the only path from a member's message to a reply, for every platform including
/// the console. It is a boundary: a handler's bug becomes an error reply and a log line (without the member's text),
/// never a silent drop. Each handler runs as a stage of the
/// message's span (<see cref="PipelineStages"/>); a message that arrives without one (the console, <c>/ask</c>) gets its own.
/// </summary>
public sealed partial class MessagePipeline
{
    private readonly IMessageHandler[] _handlers;
    private readonly IKnowledgeProvider _knowledge;
    private readonly ICommunityDirectory _communities;
    private readonly BotMetrics _metrics;
    private readonly ILogger<MessagePipeline> _logger;
    private readonly IReplyObserver[] _observers;
    private readonly int _maxLength;

    public MessagePipeline(IEnumerable<IMessageHandler> handlers, IKnowledgeProvider knowledge, ICommunityDirectory communities,
        BotMetrics metrics, ILogger<MessagePipeline> logger, IEnumerable<IReplyObserver>? observers = null, IOptions<QuestionOptions>? questions = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _handlers = [.. handlers.OrderBy(h => h.Order)];
        _observers = [.. observers ?? []];
        _knowledge = knowledge;
        _communities = communities;
        _metrics = metrics;
        _logger = logger;
        _maxLength = questions?.Value.MaxLength ?? new QuestionOptions().MaxLength;
    }

    /// <summary>The most characters of a message that are read (<see cref="QuestionOptions.MaxLength"/>).</summary>
    public int MaxLength => _maxLength;

    public Task<Reply> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return HandleAsync(message, _communities.Find(message.Platform, message.CommunityId), cancellationToken);
    }

    /// <summary>As <see cref="HandleAsync(IncomingMessage, CancellationToken)"/>, with the community's settings given (a preview for another region).</summary>
    public async Task<Reply> HandleAsync(IncomingMessage message, CommunitySettings community, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(community);
        if (message.Text.Length > _maxLength) message = message with { Text = Cap(message.Text, _maxLength) };
        using var own = BotTracing.CurrentMessage() is null ? BotTracing.StartMessage(message.Platform, "pipeline") : default;
        var started = Stopwatch.GetTimestamp();
        _metrics.Received(message.Platform);
        try
        {
            var reply = await AnswerAsync(message, community, cancellationToken);
            Observe(message, community, reply);
            var elapsed = Stopwatch.GetElapsedTime(started);
            _metrics.Replied(message.Platform, reply.Kind, elapsed);
            BotTracing.CurrentMessage()?.SetTag(BotTracing.ReplyKindAttribute, BotMetrics.KindTag(reply.Kind));
            LogReplied(message.Platform, message.Source, reply.Kind, reply.Visibility, elapsed.TotalMilliseconds);
            return reply;
        }
        finally
        {
            _metrics.Left(message.Platform);
        }
    }

    /// <summary>The first <paramref name="max"/> characters, never ending inside a surrogate pair.</summary>
    internal static string Cap(string text, int max) => text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];

    private async Task<Reply> AnswerAsync(IncomingMessage message, CommunitySettings community, CancellationToken cancellationToken)
    {
        try
        {
            var context = new MessageContext(message, community, _knowledge.Current);
            return await RunHandlersAsync(context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, message.Platform, message.Source);
            BotTracing.CurrentMessage()?.SetStatus(ActivityStatusCode.Error).SetTag("error.type", ex.GetType().FullName);
            return Reply.Text(ReplyKind.Error, ReplyVisibility.Private, BotTexts.Error);
        }
    }

    private void Observe(IncomingMessage message, CommunitySettings community, Reply reply)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnReplied(message, community, reply);
            }
            catch (Exception ex)
            {
                _metrics.AnalyticsFailed("reply");
                LogObserverFailed(ex, message.Platform);
            }
        }
    }

    private async Task<Reply> RunHandlersAsync(MessageContext context, CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers)
        {
            using var stage = _metrics.Stage(StageOf(handler), handler.GetType().Name);
            if (await handler.HandleAsync(context, cancellationToken) is { } reply) return ReplyFit.ToPhoneScreen(reply);
        }

        throw new InvalidOperationException("No handler replied; the Ask handler must always reply.");
    }

    /// <summary>The stage a handler belongs to, by its place in the order (<see cref="HandlerOrder"/>).</summary>
    private static string StageOf(IMessageHandler handler) => handler.Order switch
    {
        HandlerOrder.Channels => PipelineStages.Channels,
        HandlerOrder.RateLimit => PipelineStages.RateLimit,
        HandlerOrder.Commands => PipelineStages.Commands,
        HandlerOrder.Urgent or HandlerOrder.Refusal => PipelineStages.Safety,
        >= HandlerOrder.Ask => PipelineStages.Retrieval,
        _ => PipelineStages.Safety,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Replied on {Platform} ({Source}) with {Kind}, {Visibility}, in {ElapsedMs:0.0} ms")]
    private partial void LogReplied(string platform, MessageSource source, ReplyKind kind, ReplyVisibility visibility, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a {Platform} reply for the gap analytics failed; the member's reply is unaffected")]
    private partial void LogObserverFailed(Exception exception, string platform);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler failed on a {Platform} message ({Source}); the member got an error reply")]
    private partial void LogHandlerFailed(Exception exception, string platform, MessageSource source);
}

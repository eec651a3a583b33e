using BotHost.Core.Pipeline;
using BotHost.Slack.Api;
using BotHost.Slack.Events;
using BotHost.Slack.Replies;
using BotHost.Slack.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Slack.Inbound;

/// <summary>Answers a mention or a DM: maps it, runs the pipeline, sends the reply. Runs on the work queue.</summary>
internal sealed partial class SlackEventProcessor(
    MessagePipeline pipeline,
    SlackBotIdentity identity,
    SlackReplySender sender,
    IOptions<SlackOptions> options,
    ILogger<SlackEventProcessor> logger)
{
    private int _warnedNoToken;

    public async Task ProcessAsync(EventEnvelope envelope, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!options.Value.HasBotToken)
        {
            if (Interlocked.Exchange(ref _warnedNoToken, 1) == 0) LogNoBotToken();
            return;
        }

        var bot = await identity.GetAsync(cancellationToken);
        var mapping = SlackEventMapper.Map(envelope, bot, receivedAt);
        if (mapping.Inbound is not { } inbound)
        {
            LogIgnored(envelope.EventId, mapping.IgnoredBecause);
            return;
        }

        var reply = await pipeline.HandleAsync(inbound.Message, cancellationToken);
        await sender.SendAsync(inbound.Conversation, reply, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack event {EventId} ignored: {Reason}")]
    private partial void LogIgnored(string? eventId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack mentions and DMs arrive but cannot be answered: set Slack__BotToken (slash commands still answer through their response_url)")]
    private partial void LogNoBotToken();
}

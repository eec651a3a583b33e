using BotHost.Core.Adapters;
using BotHost.Core.Communities;
using BotHost.Core.Feedback;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using BotHost.Discord.Rendering;
using BotHost.Discord.Rest;
using BotHost.Discord.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Discord.Interactions;

/// <summary>
/// Answers interactions, whether they came over HTTP or the gateway. PING gets PONG; a command runs through the
/// pipeline (on a thread-pool thread, so a CPU-bound answer cannot hold up the deadline) and is answered inline when the
/// reply is ready within <see cref="DiscordOptions.InlineDeadline"/>, otherwise it is deferred (type 5) and the original response is edited through the
/// interaction webhook once ready. A reply <see cref="ReplyRouting"/> keeps to the asker carries the EPHEMERAL flag; a deferred response is ephemeral,
/// since visibility must be chosen before the reply exists and privacy is the safe side. Feedback buttons are
/// counted once per member and reply (Core's <see cref="FeedbackDeduplicator"/>) and acknowledged privately.
/// </summary>
internal sealed partial class DiscordInteractionHandler(
    MessagePipeline pipeline,
    ICommunityDirectory communities,
    IEnumerable<IFeedbackRecorder> recorders,
    DiscordRestClient rest,
    IReplyQueue queue,
    FeedbackDeduplicator votes,
    BotMetrics metrics,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordInteractionHandler> logger)
{
    private readonly IFeedbackRecorder[] _recorders = [.. recorders];

    /// <summary>The outcome, or null for interaction types the bot does not handle (answered with 400).</summary>
    public async Task<InteractionOutcome?> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction.Type switch
        {
            Interaction.Ping => new InteractionOutcome(InteractionResponse.Pong),
            Interaction.ApplicationCommand => await CommandAsync(interaction, cancellationToken),
            Interaction.MessageComponent => await ComponentAsync(interaction, cancellationToken),
            _ => null,
        };
    }

    private async Task<InteractionOutcome> CommandAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (DiscordInteractionMapper.ToMessage(interaction, time.GetUtcNow()) is not { } message)
        {
            LogNothingToAnswer(interaction.Data?.Name ?? "?");
            return Private(DiscordTexts.NoMessageText);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(options.Value.InlineDeadline, time, deadline.Token);

        // The deadline runs before the answer starts, and the answer runs off this thread: much of it is CPU-bound and
        // synchronous (safety rules, the sentence encoder, the search), so run here it would hold the thread until it
        // finished and the deferral could never be chosen in time on a busy machine (issue #16, point 5).
        var work = Task.Run(() => pipeline.HandleAsync(message, queue.Stopping), CancellationToken.None);
        if (await Task.WhenAny(work, timer) == work)
        {
            await deadline.CancelAsync();
            return new InteractionOutcome(InteractionResponse.Message(Render(await work, message)));
        }

        LogDeferred(interaction.Data?.Name ?? "?");
        var applicationId = interaction.ApplicationId ?? options.Value.ApplicationId ?? string.Empty;
        return new InteractionOutcome(InteractionResponse.Deferred(ephemeral: true), async ct =>
        {
            var reply = await work;
            await rest.EditOriginalResponseAsync(applicationId, interaction.Token, Render(reply, message), ct);
        });
    }

    private MessagePayload Render(Reply reply, IncomingMessage message)
    {
        using var stage = metrics.Stage(PipelineStages.Render);
        if (reply.Kind == ReplyKind.Ignored) return DiscordRenderer.Render(Reply.Text(ReplyKind.Ignored, ReplyVisibility.Private, BotTexts.NotAnsweredHere), true);
        var route = ReplyRouting.Route(message, reply, communities.Find(DiscordAdapter.PlatformName, message.CommunityId), askerOnlyForMentions: false);
        return DiscordRenderer.Render(reply, ephemeral: route.Destination != ReplyDestination.Channel);
    }

    private async Task<InteractionOutcome> ComponentAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (FeedbackCustomId.Parse(interaction.Data?.CustomId) is not { } feedback) return Private(BotTexts.FeedbackThanks);
        var communityId = interaction.GuildId ?? string.Empty;
        if (await votes.IsFirstVoteAsync(DiscordAdapter.PlatformName, communityId, interaction.InvokerId ?? string.Empty,
                $"{interaction.SourceChannelId}/{interaction.Message?.Id}", cancellationToken))
        {
            if (_recorders.Length == 0) LogNoRecorder();
            foreach (var recorder in _recorders)
            {
                await recorder.RecordAsync(DiscordAdapter.PlatformName, communityId, feedback.Target.ArticleId, feedback.Helpful, cancellationToken);
            }

            LogFeedback(feedback.Target.ArticleId, feedback.Helpful);
        }

        return Private(BotTexts.FeedbackThanks);
    }

    private static InteractionOutcome Private(string text) =>
        new(InteractionResponse.Message(DiscordRenderer.Render(Reply.Text(ReplyKind.Help, ReplyVisibility.Private, text), ephemeral: true)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord /{Command}: the answer took longer than the inline deadline; deferred and editing later")]
    private partial void LogDeferred(string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord command {Command} carried nothing to answer")]
    private partial void LogNothingToAnswer(string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord feedback on article {ArticleId}: helpful = {Helpful}")]
    private partial void LogFeedback(string articleId, bool helpful);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord feedback arrived but no IFeedbackRecorder is registered; it was not counted")]
    private partial void LogNoRecorder();
}

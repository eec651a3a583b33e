using System.Text.Json;
using BotHost.Core.Adapters;
using BotHost.Core.Telemetry;
using BotHost.Discord.Interactions;
using BotHost.Discord.Messages;
using BotHost.Discord.Rest;
using BotHost.Discord.Wire;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Gateway;

/// <summary>
/// What the bot does with gateway dispatches: INTERACTION_CREATE is answered through the callback endpoint (gateway
/// interactions are answered over HTTP too), MESSAGE_CREATE through <see cref="DiscordMessageProcessor"/>. Both run in
/// the background so the receive loop keeps heartbeating.
/// </summary>
internal sealed partial class DiscordDispatchHandler(
    DiscordInteractionHandler interactions,
    DiscordMessageProcessor messages,
    DiscordRestClient rest,
    IReplyQueue queue,
    ILogger<DiscordDispatchHandler> logger) : IGatewayDispatchHandler
{
    public const string MessageCreate = "MESSAGE_CREATE";
    public const string InteractionCreate = "INTERACTION_CREATE";

    public ValueTask HandleAsync(string eventName, JsonElement data, CancellationToken cancellationToken)
    {
        switch (eventName)
        {
            case MessageCreate when data.Deserialize(DiscordJsonContext.Default.DiscordMessage) is { } message:
                if (messages.ToIncoming(message, out _) is not null) Queue("Discord gateway message", ct => ProcessAsync(message, ct));
                break;
            case InteractionCreate when data.Deserialize(DiscordJsonContext.Default.Interaction) is { } interaction:
                Queue("Discord gateway interaction", ct => RespondAsync(interaction, ct));
                break;
            default:
                LogSkipped(eventName);
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The receive loop must not wait: when the queue is full the dispatch is dropped (the queue logs it and counts it in
    /// <c>bothost_replies_shed</c>). The gateway has no way to tell Discord to redeliver.
    /// </summary>
    private void Queue(string kind, Func<CancellationToken, Task> work) => queue.TryEnqueue(DiscordAdapter.PlatformName, kind, work, default);

    private async Task ProcessAsync(DiscordMessage message, CancellationToken cancellationToken)
    {
        using var span = BotTracing.StartMessage(DiscordAdapter.PlatformName, "gateway");
        await messages.ProcessAsync(message, cancellationToken);
    }

    private async Task RespondAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        using var span = BotTracing.StartMessage(DiscordAdapter.PlatformName, "gateway");
        if (await interactions.HandleAsync(interaction, cancellationToken) is not { } outcome) return;
        await rest.InteractionCallbackAsync(interaction.Id, interaction.Token, outcome.Response, cancellationToken);
        if (outcome.After is { } after) await after(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord gateway dispatch {EventName} not handled")]
    private partial void LogSkipped(string eventName);
}

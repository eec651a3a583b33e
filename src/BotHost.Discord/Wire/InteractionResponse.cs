namespace BotHost.Discord.Wire;

/// <summary>
/// An interaction response (callback): <c>1</c> PONG, <c>4</c> CHANNEL_MESSAGE_WITH_SOURCE, <c>5</c>
/// DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE (https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object).
/// </summary>
internal sealed record InteractionResponse(int Type, MessagePayload? Data = null)
{
    public const int PongType = 1;
    public const int ChannelMessageType = 4;
    public const int DeferredChannelMessageType = 5;

    public static InteractionResponse Pong { get; } = new(PongType);

    public static InteractionResponse Message(MessagePayload data) => new(ChannelMessageType, data);

    /// <summary>"The bot is thinking"; with type 5 the only valid flag is EPHEMERAL.</summary>
    public static InteractionResponse Deferred(bool ephemeral) =>
        new(DeferredChannelMessageType, ephemeral ? new MessagePayload { Flags = MessagePayload.EphemeralFlag } : null);
}

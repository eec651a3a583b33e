using System.Text.Json.Serialization;

namespace BotHost.Slack.Wire;

/// <summary>Source-generated JSON for every Slack wire type: snake_case names, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(SlashCommandPayload))]
[JsonSerializable(typeof(BlockActionsPayload))]
[JsonSerializable(typeof(SocketModeFrame))]
[JsonSerializable(typeof(SocketModeAck))]
[JsonSerializable(typeof(ChatPostMessageRequest))]
[JsonSerializable(typeof(ChatPostEphemeralRequest))]
[JsonSerializable(typeof(ConversationsOpenRequest))]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(ResponseUrlMessage))]
[JsonSerializable(typeof(ChatPostMessageResponse))]
[JsonSerializable(typeof(ChatPostEphemeralResponse))]
[JsonSerializable(typeof(ConversationsOpenResponse))]
[JsonSerializable(typeof(AuthTestResponse))]
[JsonSerializable(typeof(AppsConnectionsOpenResponse))]
[JsonSerializable(typeof(IReadOnlyList<SlackBlock>))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace BotHost.Discord.Wire;

/// <summary>Source-generated JSON for every Discord body, in Discord's snake_case, leaving out nulls.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(DiscordMessage))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(CreateDmRequest))]
[JsonSerializable(typeof(ChannelResponse))]
[JsonSerializable(typeof(CreatedMessage))]
[JsonSerializable(typeof(List<ApplicationCommand>))]
[JsonSerializable(typeof(List<RegisteredCommand>))]
[JsonSerializable(typeof(RateLimitBody))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(GatewayBotResponse))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;

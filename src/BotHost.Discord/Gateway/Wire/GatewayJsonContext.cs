using System.Text.Json.Serialization;

namespace BotHost.Discord.Gateway.Wire;

/// <summary>
/// Source-generated JSON for the gateway's wire types: snake_case names; nulls are written, because a heartbeat before
/// the first dispatch is <c>{"op":1,"d":null}</c>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(GatewayCommand<IdentifyData>))]
[JsonSerializable(typeof(GatewayCommand<ResumeData>))]
[JsonSerializable(typeof(GatewayCommand<long?>))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace BotHost.Serve.Endpoints;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AskRequest))]
internal sealed partial class ServeJsonContext : JsonSerializerContext;

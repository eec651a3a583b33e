using System.Text.Json.Serialization;

namespace BotHost.Core.Messages;

/// <summary>JSON for <c>bothost ask --json</c> and previews: every field of the reply, blocks tagged by type.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Reply))]
public sealed partial class ReplyJsonContext : JsonSerializerContext;

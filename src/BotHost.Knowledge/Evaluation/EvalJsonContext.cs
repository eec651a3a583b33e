using System.Text.Json.Serialization;

namespace BotHost.Knowledge.Evaluation;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EvalReport))]
[JsonSerializable(typeof(UrgentEvalReport))]
[JsonSerializable(typeof(RefusalEvalReport))]
[JsonSerializable(typeof(DistressEvalReport))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace BotHost.Discord.Tests.Spec;

/// <summary>
/// Validates JSON bodies against the schemas of Discord's OpenAPI 3.1 spec (discord/discord-api-spec @ 74fda0fa),
/// whose schemas are JSON Schema 2020-12. Each request body schema is wrapped as a standalone schema: the spec's
/// <c>components.schemas</c> become <c>$defs</c> and every <c>#/components/schemas/X</c> reference is rewritten to
/// <c>#/$defs/X</c>, so JsonSchema.Net resolves them with no custom resolver.
/// </summary>
internal static class DiscordOpenApi
{
    private static readonly Lazy<JsonNode> Spec = new(() =>
        JsonNode.Parse(File.ReadAllText(DiscordSpecFiles.OpenApiPath).Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal))!);

    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    /// <summary>The errors of <paramref name="json"/> against the <c>application/json</c> request body of <paramref name="method"/> <paramref name="path"/>; empty when valid.</summary>
    public static IReadOnlyList<string> ValidateRequest(string method, string path, string json)
    {
        var schema = Schemas.GetOrAdd(method + " " + path, _ => Build(method, path));
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid (no details)")];
    }

    /// <summary>True when the spec declares the path and method (so a test cannot silently validate against nothing).</summary>
    public static bool HasRequestBody(string method, string path) =>
        Spec.Value["paths"]?[path]?[method.ToLowerInvariant()]?["requestBody"]?["content"]?["application/json"]?["schema"] is not null;

    private static JsonSchema Build(string method, string path)
    {
        var body = Spec.Value["paths"]?[path]?[method.ToLowerInvariant()]?["requestBody"]?["content"]?["application/json"]?["schema"]
            ?? throw new InvalidOperationException($"Discord's spec has no JSON request body for {method} {path}");
        var wrapper = body.DeepClone().AsObject();
        wrapper["$defs"] = Spec.Value["components"]!["schemas"]!.DeepClone();
        var id = new Uri($"https://bothost.test/discord/{Uri.EscapeDataString(method + path)}");
        return JsonSchema.Build(JsonSerializer.SerializeToElement(wrapper), new BuildOptions
        {
            SchemaRegistry = new SchemaRegistry(),
            // Draft 2020-12, as OpenAPI 3.1 says, allowing the spec's own annotations (x-discord-union, ...).
            Dialect = Dialect.Draft202012.With([], allowUnknownKeywords: true),
        }, id);
    }
}

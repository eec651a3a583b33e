using System.Text.Json;
using BotHost.Testing.Slack;

namespace BotHost.Slack.Tests.Api;

/// <summary>
/// Checks a JSON request body against a method of Slack's Web API OpenAPI 2.0 spec (specs/slack/web-api; OpenAPI 2.0
/// parameters are not JSON Schema, so a schema library would not read them): every required argument present, no argument the method does not declare, and each of the
/// declared type. The spec (2021) describes form bodies, so two deviations are accepted and documented:
/// <list type="bullet">
/// <item><c>token</c> is declared as a required header parameter; the bot sends it as <c>Authorization: Bearer</c>
/// (NODESDK WebClient; the only form apps.connections.open accepts), checked by <see cref="AuthorizationProblems"/>;</item>
/// <item><c>blocks</c> / <c>attachments</c> are typed "a JSON-based array … presented as a URL-encoded string" for form
/// bodies; a JSON body carries the array itself (SDOCS chat.postMessage "Content types").</item>
/// </list>
/// </summary>
internal static class WebApiSpec
{
    private static readonly Lazy<JsonElement> Paths = new(() =>
        JsonDocument.Parse(File.ReadAllText(SlackSpecFiles.WebApiSpecPath)).RootElement.GetProperty("paths").Clone());

    private static readonly HashSet<string> JsonArrayArguments = new(StringComparer.Ordinal) { "blocks", "attachments" };

    public static IReadOnlyList<string> Problems(string method, JsonElement body)
    {
        if (!Paths.Value.TryGetProperty("/" + method, out var path) || !path.TryGetProperty("post", out var post))
        {
            return [$"{method}: no POST in the spec"];
        }

        var problems = new List<string>();
        if (!post.GetProperty("consumes").EnumerateArray().Any(c => c.GetString() == "application/json")) problems.Add($"{method}: does not consume JSON");
        var parameters = post.GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "formData")
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p, StringComparer.Ordinal);
        foreach (var (name, parameter) in parameters)
        {
            if (parameter.TryGetProperty("required", out var required) && required.GetBoolean() && !body.TryGetProperty(name, out _))
            {
                problems.Add($"{method}: required argument '{name}' is missing");
            }
        }

        foreach (var property in body.EnumerateObject())
        {
            if (!parameters.TryGetValue(property.Name, out var parameter)) problems.Add($"{method}: '{property.Name}' is not an argument of the method");
            else if (TypeProblem(property.Name, parameter.GetProperty("type").GetString()!, property.Value) is { } problem) problems.Add($"{method}: {problem}");
        }

        return problems;
    }

    /// <summary>The header the spec's <c>token</c> parameter turns into: a bearer token of the right kind.</summary>
    public static IReadOnlyList<string> AuthorizationProblems(string method, string? authorization, string tokenPrefix)
    {
        var post = Paths.Value.GetProperty("/" + method).GetProperty("post");
        var token = post.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "token");
        var problems = new List<string>();
        if (token.GetProperty("in").GetString() != "header") problems.Add($"{method}: token is not a header parameter in the spec");
        if (authorization is null || !authorization.StartsWith("Bearer " + tokenPrefix, StringComparison.Ordinal)) problems.Add($"{method}: no Bearer {tokenPrefix}… token");
        return problems;
    }

    private static string? TypeProblem(string name, string type, JsonElement value) => (type, value.ValueKind) switch
    {
        ("string", JsonValueKind.Array) when JsonArrayArguments.Contains(name) => null,
        ("string", JsonValueKind.String) => null,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => null,
        ("integer" or "number", JsonValueKind.Number) => null,
        _ => $"'{name}' should be {type} but is {value.ValueKind}",
    };
}

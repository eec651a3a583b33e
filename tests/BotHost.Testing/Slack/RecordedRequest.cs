using System.Text.Json;

namespace BotHost.Testing.Slack;

/// <summary>One request the loopback Slack server received: which API method or hook, its headers and body.</summary>
public sealed record RecordedRequest(string Target, IReadOnlyDictionary<string, string> Headers, string ContentType, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}

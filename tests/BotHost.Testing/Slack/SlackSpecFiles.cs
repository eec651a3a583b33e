namespace BotHost.Testing.Slack;

/// <summary>
/// The shared Slack specs and example payloads (<c>../shared/specs</c> beside the repository, as CI expects), found
/// by walking up from the test binaries so any worktree layout works.
/// </summary>
public static class SlackSpecFiles
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary><c>shared/specs</c>.</summary>
    public static string SpecsPath => Root.Value;

    public static string PayloadsPath => Path.Combine(SpecsPath, "payloads");

    /// <summary>Slack's Web API OpenAPI 2.0 spec (slackapi/slack-api-specs @ bc08db49, 2021; stale).</summary>
    public static string WebApiSpecPath => Path.Combine(SpecsPath, "slack", "web-api", "slack_web_openapi_v2_without_examples.json");

    /// <summary>Every <c>payloads/slack-*</c> file name.</summary>
    public static IReadOnlyList<string> SlackPayloads() =>
        [.. Directory.GetFiles(PayloadsPath, "slack-*").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    public static string ReadPayload(string name) => File.ReadAllText(Path.Combine(PayloadsPath, name));

    public static byte[] ReadPayloadBytes(string name) => File.ReadAllBytes(Path.Combine(PayloadsPath, name));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "specs");
            if (Directory.Exists(Path.Combine(candidate, "payloads"))) return candidate;
        }

        throw new DirectoryNotFoundException("shared/specs was not found beside the repository (CI runs with ../shared next to the clone).");
    }
}

using BotHost.Testing.Slack;

namespace BotHost.Discord.Tests.Spec;

/// <summary>Discord's example payloads and OpenAPI spec in <c>../shared/specs</c>.</summary>
internal static class DiscordSpecFiles
{
    public static string OpenApiPath => Path.Combine(SlackSpecFiles.SpecsPath, "discord", "specs", "openapi.json");

    /// <summary>Every <c>payloads/discord-*</c> file name.</summary>
    public static IReadOnlyList<string> Payloads() =>
        [.. Directory.GetFiles(SlackSpecFiles.PayloadsPath, "discord-*").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)];

    public static string ReadPayload(string name) => SlackSpecFiles.ReadPayload(name);
}

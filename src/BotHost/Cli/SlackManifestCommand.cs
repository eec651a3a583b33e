using System.CommandLine;
using BotHost.Slack.Manifest;

namespace BotHost.Cli;

/// <summary>
/// <c>bothost slack manifest [--url https://host] [--socket-mode]</c>: prints the Slack app manifest (JSON), so
/// installing the app is a paste into "Create New App > From an app manifest".
/// </summary>
internal static class SlackManifestCommand
{
    public static Command Create(CliEnvironment env)
    {
        var url = new Option<string?>("--url")
        {
            Description = "Public https address of `bothost serve`; request URLs become URL/slack/events, /slack/commands, /slack/interactivity",
        };
        var socketMode = new Option<bool>("--socket-mode") { Description = "Receive over Socket Mode (no public URL needed; set Slack__AppToken)" };
        var manifest = new Command("manifest", "Print the Slack app manifest to paste into api.slack.com/apps") { url, socketMode };
        manifest.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(url);
            var publicUrl = text is null ? null : Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : new Uri("relative", UriKind.Relative);
            var socket = parse.GetValue(socketMode);
            if (Problem(publicUrl, socket) is { } problem)
            {
                await env.Error.WriteLineAsync($"bothost: {problem} (run 'bothost slack manifest --help' for usage)");
                return ExitCodes.Usage;
            }

            await env.Output.WriteAsync(SlackAppManifest.ToJson(publicUrl, socket).AsMemory(), cancellationToken);
            return ExitCodes.Success;
        });
        return new Command("slack", "Slack app setup") { manifest };
    }

    private static string? Problem(Uri? url, bool socketMode) => (url, socketMode) switch
    {
        (null, false) => "--url https://your-host is required for HTTP request URLs, or pass --socket-mode",
        ({ }, true) => "--url and --socket-mode exclude each other: Socket Mode needs no request URLs",
        ({ IsAbsoluteUri: false } or { Scheme: not "https" }, _) => "--url must be an absolute https address (Slack only calls https request URLs)",
        _ => null,
    };
}

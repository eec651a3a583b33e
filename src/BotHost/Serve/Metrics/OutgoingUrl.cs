using System.Text.RegularExpressions;

namespace BotHost.Serve.Metrics;

/// <summary>
/// The URL of an outgoing platform call as a span may show it: the scheme, host and port, and only the path segments
/// that name an API route (<c>channels</c>, <c>messages</c>, <c>chat.postMessage</c>, ...). Everything else becomes
/// <c>{id}</c>: Discord interaction tokens and Slack <c>response_url</c>s are credentials, and ids may point at a
/// member (a DM channel). The query is dropped.
/// </summary>
internal static partial class OutgoingUrl
{
    /// <summary>The fixed words of Discord's REST routes and Slack's URLs that the bot calls.</summary>
    private static readonly HashSet<string> RouteWords = new(StringComparer.Ordinal)
    {
        "api", "v10", "channels", "messages", "users", "@me", "interactions", "callback", "webhooks", "@original", "applications",
        "commands", "guilds", "gateway", "bot", "hooks",
    };

    public static string? Redact(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri) return null;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var shown = segments.Select((s, i) => RouteWords.Contains(s) || IsSlackMethod(segments, i) ? s : "{id}");
        return $"{uri.Scheme}://{uri.Authority}/{string.Join('/', shown)}";
    }

    /// <summary>The last segment after <c>api</c>, shaped like a Slack Web API method (<c>/api/chat.postMessage</c>).</summary>
    private static bool IsSlackMethod(string[] segments, int index) =>
        index == segments.Length - 1 && index > 0 && segments[index - 1] == "api" && SlackMethod().IsMatch(segments[index]);

    /// <summary>A Slack Web API method name (https://api.slack.com/methods): lower-case family, dots, camel-case words.</summary>
    [GeneratedRegex("^[a-z]+(\\.[a-z][a-zA-Z]*)+$")]
    private static partial Regex SlackMethod();
}

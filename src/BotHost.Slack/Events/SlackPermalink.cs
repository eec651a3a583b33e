using System.Globalization;

namespace BotHost.Slack.Events;

/// <summary>
/// A message's permalink under the workspace URL from auth.test, in the form chat.getPermalink returns
/// (<c>https://ghostbusters.slack.com/archives/C1H9RESGA/p135854651500008</c>, specs/slack/web-api example): used in
/// moderator alerts instead of the message's text.
/// </summary>
internal static class SlackPermalink
{
    public static Uri? For(Uri? workspace, string channel, string ts, string? threadTs)
    {
        if (workspace is not { IsAbsoluteUri: true } || workspace.Scheme != Uri.UriSchemeHttps || !IsId(channel) || !IsTs(ts)) return null;
        var baseText = workspace.AbsoluteUri.EndsWith('/') ? workspace.AbsoluteUri : workspace.AbsoluteUri + "/";
        var link = string.Create(CultureInfo.InvariantCulture, $"{baseText}archives/{channel}/p{ts.Replace(".", string.Empty, StringComparison.Ordinal)}");
        if (threadTs is not null && threadTs != ts && IsTs(threadTs)) link += $"?thread_ts={threadTs}&cid={channel}";
        return new Uri(link);
    }

    private static bool IsId(string value) => value.Length is > 0 and <= 32 && value.All(char.IsAsciiLetterOrDigit);

    private static bool IsTs(string value) => value.Length is > 0 and <= 32 && value.All(c => char.IsAsciiDigit(c) || c == '.');
}

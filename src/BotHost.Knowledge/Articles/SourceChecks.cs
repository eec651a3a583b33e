using System.Net;
using System.Text.RegularExpressions;
using BotHost.Knowledge.Yaml;

namespace BotHost.Knowledge.Articles;

/// <summary>
/// Whether a member can open an article's source (issue #15): a public web page, or one of the bot's own documents that
/// ships in the knowledge folder. A link to a code repository, a web archive or a private host is an error; a plain
/// http address is a warning (cite the https page), unless a news page recorded with http has its stored copy named in
/// <c>copy:</c>.
/// </summary>
internal static partial class SourceChecks
{
    /// <summary>Hosts of code repositories: no member reads one to check a fact, and the project's own has no public remote.</summary>
    private static readonly string[] RepositoryHosts = ["github.com", "gitlab.com", "bitbucket.org", "codeberg.org"];

    private static readonly string[] ArchiveHosts = ["web.archive.org", "archive.org", "archive.ph", "archive.today", "archive.is", "webcache.googleusercontent.com"];

    private static readonly string[] PrivateSuffixes = [".local", ".internal", ".localhost", ".test", ".example", ".invalid", ".lan", ".home"];

    /// <summary>Checks a web source.</summary>
    /// <param name="hasCopy">True when the source names a stored copy (<c>copy:</c>), which stands in for an https page.</param>
    public static void CheckUrl(YamlFieldReader source, Uri url, bool hasCopy)
    {
        var host = url.IdnHost.ToLowerInvariant().TrimEnd('.');
        if (IsOrUnder(host, RepositoryHosts))
        {
            source.Error("url", $"source url {url} is a code repository, which a member cannot read as a source: cite the page of the official site that backs the section, or, for this bot's own documents, 'document: PATH' (a file in the knowledge folder)");
        }
        else if (IsOrUnder(host, ArchiveHosts))
        {
            source.Error("url", $"source url {url} is a web archive: cite the page on the publisher's own site");
        }
        else if (IsPrivate(host))
        {
            source.Error("url", $"source url {url} is not on a public host, so no member can open it");
        }
        else if (url.Scheme != Uri.UriSchemeHttps && !hasCopy)
        {
            source.Warning("url", $"source url {url} is not https: cite the https address of the page (or, for a news page recorded with http, name its stored copy in 'copy: ../shared/sources/FILE')");
        }
    }

    /// <summary>Checks a <c>document:</c> source: a file in the knowledge folder, with an optional <c>#anchor</c> of one of its headings.</summary>
    /// <param name="readFile">Reads a file relative to the knowledge folder; null when it does not exist. Null skips the check.</param>
    /// <returns>The document's path and anchor, or null when it is invalid.</returns>
    public static string? CheckDocument(YamlFieldReader source, string document, Func<string, string?>? readFile)
    {
        var hash = document.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? document : document[..hash];
        var anchor = hash < 0 ? null : document[(hash + 1)..];
        if (!DocumentPath().IsMatch(path) || path.Split('/').Any(p => p is "." or ".."))
        {
            source.Error("document", $"document '{document}' must be a Markdown file inside the knowledge folder, written as a relative path such as 'about/how-this-bot-works.md' (optionally with '#heading-anchor')");
            return null;
        }

        if (readFile is null) return document;
        if (readFile(path) is not { } text)
        {
            source.Error("document", $"document '{path}' not found in the knowledge folder");
            return null;
        }

        if (anchor is not null)
        {
            var anchors = HeadingAnchor.Unique(MarkdownSections.Headings(text));
            if (!anchors.Contains(anchor, StringComparer.Ordinal))
            {
                source.Error("document", $"document '{path}' has no heading with the anchor '#{anchor}' (its anchors: {string.Join(", ", anchors.Select(a => "#" + a))})");
                return null;
            }
        }

        return document;
    }

    /// <summary>Checks a <c>copy:</c>: the stored copy of a news page, relative to the repository (the knowledge folder's parent).</summary>
    /// <param name="fileExists">Whether the copy is there, or null when its folder is absent (a deployed knowledge folder has no <c>../shared</c>).</param>
    public static void CheckCopy(YamlFieldReader source, string copy, Func<string, bool?>? fileExists)
    {
        if (!CopyPath().IsMatch(copy))
        {
            source.Error("copy", $"copy '{copy}' must name a stored copy of the page, such as '../shared/sources/001_aadb176a0fd5abef.txt'");
            return;
        }

        if (fileExists?.Invoke(copy) == false)
        {
            source.Error("copy", $"copy '{copy}' not found");
        }
    }

    private static bool IsOrUnder(string host, string[] hosts) =>
        hosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal));

    private static bool IsPrivate(string host)
    {
        if (host is "localhost" || !host.Contains('.', StringComparison.Ordinal)) return true;
        if (PrivateSuffixes.Any(s => host.EndsWith(s, StringComparison.Ordinal))) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out _);
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._/-]*\.md$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentPath();

    [GeneratedRegex(@"^\.\./shared/sources/[A-Za-z0-9._-]+\.txt$", RegexOptions.CultureInvariant)]
    private static partial Regex CopyPath();
}

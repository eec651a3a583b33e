using System.Text;

namespace BotHost.Knowledge.Articles;

/// <summary>GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, "-1", "-2" for repeats.</summary>
public static class HeadingAnchor
{
    public static string Slug(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var builder = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_') builder.Append(c);
            else if (c == ' ') builder.Append('-');
        }

        return builder.ToString();
    }

    /// <summary>Anchors for headings in document order, made unique the way GitHub does.</summary>
    public static IReadOnlyList<string> Unique(IEnumerable<string> headings)
    {
        ArgumentNullException.ThrowIfNull(headings);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var anchors = new List<string>();
        foreach (var heading in headings)
        {
            var slug = Slug(heading);
            if (seen.TryGetValue(slug, out var count))
            {
                seen[slug] = count + 1;
                anchors.Add($"{slug}-{count}");
            }
            else
            {
                seen[slug] = 1;
                anchors.Add(slug);
            }
        }

        return anchors;
    }
}

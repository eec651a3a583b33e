namespace BotHost.Knowledge.Articles;

/// <summary>Who an article is written for (front matter <c>audience</c>; the closed set is in knowledge/README.md).</summary>
public enum Audience
{
    /// <summary><c>all</c>: anyone who asks.</summary>
    All,

    /// <summary><c>youth</c>: children and teenagers.</summary>
    Youth,

    /// <summary><c>parents</c>: parents and carers.</summary>
    Parents,

    /// <summary><c>moderators</c>: community moderators and others who act on reports.</summary>
    Moderators,

    /// <summary><c>adults</c>: adults asking about themselves or someone close to them.</summary>
    Adults,

    /// <summary>
    /// <c>people-worried-about-own-thoughts</c>: people worried about their own sexual thoughts or behaviour towards
    /// children (prevention help). Never sent to a member who reads as a victim or at risk, unless the message is about
    /// the asker's own thoughts.
    /// </summary>
    OwnThoughts,
}

/// <summary>The front-matter names of <see cref="Audience"/>.</summary>
public static class AudienceNames
{
    private static readonly (string Name, Audience Audience)[] Names =
    [
        ("youth", Audience.Youth),
        ("parents", Audience.Parents),
        ("moderators", Audience.Moderators),
        ("adults", Audience.Adults),
        ("people-worried-about-own-thoughts", Audience.OwnThoughts),
        ("all", Audience.All),
    ];

    /// <summary>"youth, parents, ... or all", for error messages.</summary>
    public static string Expected { get; } = string.Join(", ", Names[..^1].Select(n => n.Name)) + " or " + Names[^1].Name;

    /// <summary>The audience a front-matter name stands for (case aside), or null.</summary>
    public static Audience? Parse(string name)
    {
        foreach (var (known, audience) in Names)
        {
            if (string.Equals(known, name, StringComparison.OrdinalIgnoreCase)) return audience;
        }

        return null;
    }

    /// <summary>The front-matter name of an audience.</summary>
    public static string Name(Audience audience) => Names.First(n => n.Audience == audience).Name;
}

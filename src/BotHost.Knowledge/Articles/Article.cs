namespace BotHost.Knowledge.Articles;

/// <summary>A vetted knowledge-base article (format in knowledge/README.md).</summary>
public sealed record Article
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Summary { get; init; }

    public required IReadOnlyList<string> Questions { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required IReadOnlyList<Audience> Audiences { get; init; }

    /// <summary>ISO country codes, <c>EU</c> or <c>INTL</c>.</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>Ids in hotlines.yaml, in the order they should be shown.</summary>
    public required IReadOnlyList<string> HotlineIds { get; init; }

    /// <summary>True when a member may be describing their own situation: answers go privately where possible.</summary>
    public required bool Sensitive { get; init; }

    public required IReadOnlyList<ArticleSource> Sources { get; init; }

    public required DateOnly Reviewed { get; init; }

    public required string ReviewedBy { get; init; }

    public required DateOnly ReviewBy { get; init; }

    public required IReadOnlyList<ArticleSection> Sections { get; init; }

    /// <summary>Path of the file relative to the knowledge folder, for messages and links ("articles/sextortion.md").</summary>
    public required string Path { get; init; }

    public bool AppliesTo(string region) =>
        Regions.Contains(Hotlines.RegionCode.International) || Regions.Contains(region, StringComparer.OrdinalIgnoreCase);
}

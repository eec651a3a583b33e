namespace BotHost.Knowledge.Articles;

/// <summary>Where an article's facts come from; a section names the ones that back it.</summary>
/// <param name="Url">The public page a member opens; null for one of this bot's own documents (<see cref="Document"/>)
/// when the host does not publish its knowledge folder.</param>
/// <param name="Date">As the source shows it (YYYY-MM-DD, YYYY-MM or YYYY), or null when it shows none.</param>
public sealed record ArticleSource(string Title, string Publisher, Uri? Url, string? Date)
{
    /// <summary>Short name sections cite it by (<c>&lt;!-- sources: fbi, ncmec --&gt;</c>); null when no section cites it.</summary>
    public string? Id { get; init; }

    /// <summary>
    /// One of this bot's own documents, as a path in the knowledge folder (<c>about/how-this-bot-works.md#what-it-keeps</c>),
    /// shipped with the knowledge base; linked under <see cref="KnowledgeOptions.ArticleBaseUrl"/> when the host publishes
    /// the folder, otherwise shown as text. Null for a web source.
    /// </summary>
    public string? Document { get; init; }

    /// <summary>
    /// The regions whose members are shown this source with "More sources" (a country's own reporting service, say);
    /// empty for every region. A section citing it shows it to everyone, like any of its sources.
    /// </summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>True when a member in <paramref name="region"/> is shown it with the article's other sources.</summary>
    public bool ShownIn(string region) => Regions.Count == 0 || Regions.Contains(region, StringComparer.OrdinalIgnoreCase);

    /// <summary>What a reply shows for where to find it: the page's address, or the document named as this bot's own.</summary>
    public string Location => Url?.AbsoluteUri ?? $"this bot's own documentation: {Document}";
}

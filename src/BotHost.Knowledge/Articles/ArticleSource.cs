namespace BotHost.Knowledge.Articles;

/// <summary>Where an article's facts come from; a section names the ones that back it.</summary>
/// <param name="Date">As the source shows it (YYYY-MM-DD, YYYY-MM or YYYY), or null when it shows none.</param>
public sealed record ArticleSource(string Title, string Publisher, Uri Url, string? Date)
{
    /// <summary>Short name sections cite it by (<c>&lt;!-- sources: fbi, ncmec --&gt;</c>); null when no section cites it.</summary>
    public string? Id { get; init; }
}

namespace BotHost.Knowledge.Articles;

/// <summary>Where an article's facts come from; shown with every quoted passage.</summary>
/// <param name="Date">As the source shows it (YYYY-MM-DD, YYYY-MM or YYYY), or null when it shows none.</param>
public sealed record ArticleSource(string Title, string Publisher, Uri Url, string? Date);

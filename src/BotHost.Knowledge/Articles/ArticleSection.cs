namespace BotHost.Knowledge.Articles;

/// <summary>One <c>##</c> section of an article: the unit the bot quotes.</summary>
/// <param name="Anchor">GitHub-style heading anchor, for deep links ("what-to-do-right-now").</param>
/// <param name="Text">Plain text of the section: Markdown removed, one paragraph or list item per line.</param>
/// <param name="Line">Line of the heading in the article file.</param>
public sealed record ArticleSection(string Heading, string Anchor, string Text, int Line)
{
    /// <summary>
    /// The article's sources that back this section (its <c>&lt;!-- sources: ... --&gt;</c> line), in the order given:
    /// shown with a quote of it. Empty when the section names none (<c>kb check</c> warns).
    /// </summary>
    public IReadOnlyList<ArticleSource> Sources { get; init; } = [];
}

using BotHost.Knowledge.Articles;

namespace BotHost.Knowledge.Coverage;

/// <summary>A section whose heading names a cell's region ("Reporting in the UK").</summary>
public sealed record CoverageSection(Article Article, ArticleSection Section)
{
    /// <summary><c>article#anchor</c>, as eval lines and messages name a section.</summary>
    public string Name => $"{Article.Id}#{Section.Anchor}";
}

using BotHost.Knowledge.Articles;

namespace BotHost.Knowledge.Answers;

/// <summary>The best passage of one matching article, ready to quote with its source.</summary>
public sealed record AnswerPassage
{
    public required string ArticleId { get; init; }

    public required string Title { get; init; }

    public required string Heading { get; init; }

    public required string Anchor { get; init; }

    public required Snippet Snippet { get; init; }

    /// <summary>The sources that back the quoted section (at most <see cref="KnowledgeOptions.MaxSources"/>): shown with the quote.</summary>
    public required IReadOnlyList<ArticleSource> Sources { get; init; }

    /// <summary>Every source of the article, for "More sources" (<c>bothost ask --sources</c>, the article link).</summary>
    public IReadOnlyList<ArticleSource> ArticleSources { get; init; } = [];

    /// <summary>True when the article has sources that are not shown with the quote.</summary>
    public bool HasMoreSources => ArticleSources.Except(Sources).Any();

    public required DateOnly Reviewed { get; init; }

    public required bool Sensitive { get; init; }

    /// <summary>Confidence in [0, 1] that this article answers the question.</summary>
    public required double Confidence { get; init; }

    /// <summary>Deep link to the section when an article base URL is configured; otherwise null.</summary>
    public Uri? Link { get; init; }
}

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

    public required IReadOnlyList<ArticleSource> Sources { get; init; }

    public required DateOnly Reviewed { get; init; }

    public required bool Sensitive { get; init; }

    /// <summary>Confidence in [0, 1] that this article answers the question.</summary>
    public required double Confidence { get; init; }

    /// <summary>Deep link to the section when an article base URL is configured; otherwise null.</summary>
    public Uri? Link { get; init; }
}

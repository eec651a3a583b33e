using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Answers;

/// <summary>
/// What the knowledge base says to a question: quoted passages with sources and the hotlines that fit, or a decline
/// with general help. It never contains the question itself, so an answer can be logged or measured safely.
/// </summary>
public sealed record Answer
{
    public required AnswerKind Kind { get; init; }

    /// <summary>Best passage per matching article, best first (at most three); empty when declined.</summary>
    public required IReadOnlyList<AnswerPassage> Passages { get; init; }

    /// <summary>The top article's hotlines for the region, or the region's general help when declined.</summary>
    public required IReadOnlyList<Hotline> Hotlines { get; init; }

    /// <summary>Confidence of the top article in [0, 1]; 0 when nothing matched.</summary>
    public required double Confidence { get; init; }

    /// <summary>Words read differently from how they were typed ("showing results for sextortion").</summary>
    public required IReadOnlyList<SpellingCorrection> Corrections { get; init; }

    public required string Region { get; init; }

    public required string KnowledgeVersion { get; init; }

    /// <summary>True when any quoted article is sensitive: the reply should be private where the platform allows.</summary>
    public bool Sensitive => Passages.Any(p => p.Sensitive);

    public bool IsDeclined => Kind == AnswerKind.Declined;
}

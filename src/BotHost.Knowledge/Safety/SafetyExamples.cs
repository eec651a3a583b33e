namespace BotHost.Knowledge.Safety;

/// <summary>
/// The labelled example messages of knowledge/examples/ that the second, semantic safety detector learns from: urgent
/// messages per category, normal and everyday messages (never urgent), and requests to refuse beside protective
/// questions (never refused). Maintainers add lines without code; <c>kb check</c> validates them.
/// </summary>
public sealed record SafetyExamples(
    IReadOnlyList<SafetyExample> Urgent,
    IReadOnlyList<SafetyExample> Normal,
    IReadOnlyList<SafetyExample> Refusal)
{
    public const string Folder = "examples";
    public const string UrgentFile = "urgent.tsv";
    public const string NormalFile = "normal.tsv";
    public const string EverydayFile = "everyday.tsv";
    public const string RefusalFile = "refusal.tsv";

    /// <summary>The label of messages from normal.tsv and everyday.tsv.</summary>
    public const string NotUrgent = "normal";

    public const string Refuse = "refuse";
    public const string Protective = "protective";

    public static SafetyExamples Empty { get; } = new([], [], []);

    public bool IsEmpty => Urgent.Count == 0 && Normal.Count == 0 && Refusal.Count == 0;
}

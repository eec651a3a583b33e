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

    /// <summary>Messages of members in distress that fit no urgent category (the distress safety net's positives).</summary>
    public const string DistressFile = "distress.tsv";

    /// <summary>Calm questions on the same topics (the distress safety net's negatives, beside normal and everyday messages).</summary>
    public const string CalmFile = "calm.tsv";

    /// <summary>The label of messages from the distress files.</summary>
    public const string InDistress = "distress";

    /// <summary>The label of messages from normal.tsv and everyday.tsv.</summary>
    public const string NotUrgent = "normal";

    public const string Refuse = "refuse";
    public const string Protective = "protective";

    /// <summary>Messages of members in distress (distress*.tsv, label <see cref="InDistress"/>): read only by the distress safety net.</summary>
    public IReadOnlyList<SafetyExample> Distress { get; init; } = [];

    /// <summary>Calm messages (calm*.tsv, label <see cref="NotUrgent"/>): read only by the distress safety net.</summary>
    public IReadOnlyList<SafetyExample> Calm { get; init; } = [];

    public static SafetyExamples Empty { get; } = new([], [], []);

    public bool IsEmpty => Urgent.Count == 0 && Normal.Count == 0 && Refusal.Count == 0;
}

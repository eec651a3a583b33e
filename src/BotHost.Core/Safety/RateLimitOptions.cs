namespace BotHost.Core.Safety;

/// <summary>Per-member question limit (configuration section <c>Safety</c>).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Safety";

    /// <summary>Questions a member may ask per minute; urgent messages are never limited. 0 turns the limit off.</summary>
    public int QuestionsPerMinute { get; set; } = 5;
}

namespace BotHost.Core.Pipeline;

/// <summary>
/// Bounds on what a member sends, bound from the "Questions" section (<c>Questions__MaxLength</c>). Every platform's
/// message goes through <see cref="MessagePipeline"/>, which applies them before any work, so the cap is the same in
/// every adapter.
/// </summary>
public sealed class QuestionOptions
{
    public const string Section = "Questions";

    /// <summary>Characters of a message that are read; the rest is ignored (no chat question needs more).</summary>
    public int MaxLength { get; set; } = 2_000;
}

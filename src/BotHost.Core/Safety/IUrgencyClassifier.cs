namespace BotHost.Core.Safety;

/// <summary>Decides whether a member's message means someone may be in danger now.</summary>
public interface IUrgencyClassifier
{
    /// <summary>The kind of danger, or null when the message is not urgent.</summary>
    UrgencyCategory? Classify(string text);
}

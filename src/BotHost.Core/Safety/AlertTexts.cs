namespace BotHost.Core.Safety;

/// <summary>
/// The wording of a moderator alert on every platform: a headline, the category in words, and the reminder that the
/// member's text is not repeated. Never the message itself.
/// </summary>
public static class AlertTexts
{
    public const string Headline = "Someone may need help now";

    public const string NotRepeated = "The message's text is not repeated here. Please check on the member privately.";

    public const string OpenMessage = "Open the message";

    /// <summary>The category as a phrase that fits "an urgent message (…)".</summary>
    public static string Category(UrgencyCategory category) => category switch
    {
        UrgencyCategory.SelfHarm => "self-harm",
        UrgencyCategory.ImmediateDanger => "immediate danger",
        UrgencyCategory.SextortionThreat => "a sextortion threat",
        UrgencyCategory.AbuseDisclosure => "a disclosure of abuse",
        UrgencyCategory.Trafficking => "possible trafficking",
        UrgencyCategory.MeetingAdult => "a plan to meet an adult",
        UrgencyCategory.BullyingSelfHarm => "bullying with thoughts of self-harm",
        UrgencyCategory.SelfHarmImages => "pressure to share self-harm images",
        UrgencyCategory.SexualAssault => "a disclosure of sexual assault",
        UrgencyCategory.ViolenceAtHome => "violence at home",
        UrgencyCategory.StalkingDoxxing => "stalking or doxxing",
        UrgencyCategory.SomeoneElseInDanger => "someone else in danger",
        _ => "an urgent message",
    };

    /// <summary>" (3 messages from the same member)" when alerts were merged, else nothing.</summary>
    public static string Repeats(int mergedCount) => mergedCount > 1 ? $" ({mergedCount} messages from the same member)" : string.Empty;
}

using BotHost.Core.Pipeline;

namespace BotHost.Core.Safety;

/// <summary>
/// The rules of the current knowledge base's urgent.yaml (maintainers extend them without code). Requests the bot
/// refuses are never urgent, so an offender's question never takes the urgent-help path or alerts moderators.
/// </summary>
public sealed class UrgencyClassifier(IKnowledgeProvider knowledge) : IUrgencyClassifier
{
    public UrgencyCategory? Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return knowledge.Current.Safety.ClassifyUrgent(text) is { } category ? ToCategory(category.Id) : null;
    }

    /// <summary>The category for an id of urgent.yaml (validated there, so every id maps).</summary>
    public static UrgencyCategory ToCategory(string id) => id switch
    {
        "self-harm" => UrgencyCategory.SelfHarm,
        "immediate-danger" => UrgencyCategory.ImmediateDanger,
        "sextortion-threat" => UrgencyCategory.SextortionThreat,
        "abuse-disclosure" => UrgencyCategory.AbuseDisclosure,
        "trafficking" => UrgencyCategory.Trafficking,
        "meeting-adult" => UrgencyCategory.MeetingAdult,
        "bullying-self-harm" => UrgencyCategory.BullyingSelfHarm,
        "self-harm-images" => UrgencyCategory.SelfHarmImages,
        "sexual-assault" => UrgencyCategory.SexualAssault,
        "violence-at-home" => UrgencyCategory.ViolenceAtHome,
        "stalking-doxxing" => UrgencyCategory.StalkingDoxxing,
        "someone-else-in-danger" => UrgencyCategory.SomeoneElseInDanger,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "not an urgent category of urgent.yaml"),
    };

    /// <summary>The urgent.yaml id for a category.</summary>
    public static string ToId(UrgencyCategory category) => category switch
    {
        UrgencyCategory.SelfHarm => "self-harm",
        UrgencyCategory.ImmediateDanger => "immediate-danger",
        UrgencyCategory.SextortionThreat => "sextortion-threat",
        UrgencyCategory.AbuseDisclosure => "abuse-disclosure",
        UrgencyCategory.Trafficking => "trafficking",
        UrgencyCategory.MeetingAdult => "meeting-adult",
        UrgencyCategory.BullyingSelfHarm => "bullying-self-harm",
        UrgencyCategory.SelfHarmImages => "self-harm-images",
        UrgencyCategory.SexualAssault => "sexual-assault",
        UrgencyCategory.ViolenceAtHome => "violence-at-home",
        UrgencyCategory.StalkingDoxxing => "stalking-doxxing",
        UrgencyCategory.SomeoneElseInDanger => "someone-else-in-danger",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };
}

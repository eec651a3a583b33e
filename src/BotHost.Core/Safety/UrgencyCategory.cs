namespace BotHost.Core.Safety;

/// <summary>Why a message is urgent: someone may be in danger now.</summary>
public enum UrgencyCategory
{
    SelfHarm,
    ImmediateDanger,
    SextortionThreat,
    AbuseDisclosure,
    Trafficking,
    MeetingAdult,
    BullyingSelfHarm,
    SelfHarmImages,
    SexualAssault,
    ViolenceAtHome,
    StalkingDoxxing,
    SomeoneElseInDanger,
}

using BotHost.Knowledge.Hotlines;

namespace BotHost.Knowledge.Answers;

/// <summary>Who is asking, as far as answering needs to know: the community's region decides which hotlines are shown.</summary>
public sealed record AskContext(string Region)
{
    public static AskContext International { get; } = new(RegionCode.International);
}

namespace BotHost.Knowledge.Coverage;

/// <summary>What a member in a region needs from a topic's answers; a cell without it is a hole.</summary>
public enum CoverageNeed
{
    /// <summary>A line to talk to: a service with a phone number or text line (not an emergency number) for the topic.</summary>
    Talk,

    /// <summary>A route to report to: a service for the topic (form, hotline or tip line).</summary>
    Report,

    /// <summary>A section of the topic's articles whose heading names the region, where the topic's articles have such sections.</summary>
    Section,

    /// <summary>The region's emergency number, which every urgent reply shows.</summary>
    Emergency,
}

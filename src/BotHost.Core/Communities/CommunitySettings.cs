using BotHost.Knowledge.Hotlines;

namespace BotHost.Core.Communities;

/// <summary>How the bot behaves in one Discord guild or Slack team (communities.yaml).</summary>
public sealed record CommunitySettings
{
    public static CommunitySettings Default { get; } = new();

    /// <summary>Region whose hotlines are shown (ISO code, EU or INTL).</summary>
    public string Region { get; init; } = RegionCode.International;

    /// <summary>When true every answer goes privately, not only sensitive ones.</summary>
    public bool PrivateByDefault { get; init; }

    /// <summary>
    /// Discord only (Slack shows the asker a pointer nobody else sees): when a mention is answered by DM, post one
    /// neutral line in the channel, the same for every reply sent by DM. False: nothing public at all.
    /// </summary>
    public bool DmNotice { get; init; } = true;

    /// <summary>Channels the bot answers in; empty means every channel it can see (except <see cref="IgnoreChannels"/>).</summary>
    public IReadOnlyList<string> AnswerChannels { get; init; } = [];

    /// <summary>Channels the bot never answers in.</summary>
    public IReadOnlyList<string> IgnoreChannels { get; init; } = [];

    /// <summary>Where moderator alerts about urgent messages go; null turns alerts off for this community.</summary>
    public string? AlertChannel { get; init; }

    /// <summary>Opt-in: keep the redacted text of declined questions for gap analysis, for <see cref="QuestionRetention"/>.</summary>
    public bool StoreRedactedQuestions { get; init; }

    /// <summary>How long redacted question text is kept when <see cref="StoreRedactedQuestions"/> is on.</summary>
    public TimeSpan QuestionRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The SHA-256 (64 lower-case hex digits) of the token this community's moderators sign in to the web console with;
    /// null when they have none. Only the hash is kept, so communities.yaml can sit in git.
    /// </summary>
    public string? ConsoleTokenSha256 { get; init; }

    /// <summary>True when the bot may answer in <paramref name="channelId"/>.</summary>
    public bool AnswersIn(string channelId) =>
        !IgnoreChannels.Contains(channelId, StringComparer.Ordinal)
        && (AnswerChannels.Count == 0 || AnswerChannels.Contains(channelId, StringComparer.Ordinal));
}

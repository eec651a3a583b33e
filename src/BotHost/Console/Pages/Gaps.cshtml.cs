using System.Data.Common;
using BotHost.Console.Gaps;
using BotHost.Console.Preview;
using BotHost.Core.Analytics;

namespace BotHost.Console.Pages;

/// <summary>
/// Gaps and feedback, per community or overall: declined questions, urgent replies per category and rate-limited
/// members per day, answers and feedback per article; charts with their numbers as tables, and a CSV download.
/// Moderators see their own community only, and only they see its opt-in redacted questions.
/// </summary>
public sealed class GapsModel(IGapsReader reader, IConsoleCommunities communities, TimeProvider time) : ConsolePageModel
{
    public GapsScope Scope { get; private set; } = null!;

    public GapsView View { get; private set; } = null!;

    public IReadOnlyList<RedactedQuestion> Questions { get; private set; } = [];

    /// <summary>Set when the analytics store cannot be read (PostgreSQL down, say): the page says so and shows no counts.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>Communities an admin can pick: those in communities.yaml and those with counts.</summary>
    public IReadOnlyList<string> CommunityChoices { get; private set; } = [];

    public void OnGet(string? community, int? days)
    {
        Scope = GapsScope.For(Session, community, days);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        IReadOnlyList<DailyCount> counts = [];
        try
        {
            counts = reader.Counts(today.AddDays(-Scope.Days + 1), Scope.Platform, Scope.Community);
            if (!Session.IsAdmin) Questions = reader.RedactedQuestions(Scope.Platform!, Scope.Community!, now);
        }
        catch (DbException)
        {
            Unavailable = UnavailableText;
        }

        View = new GapsView(counts, today, Scope.Days);
        CommunityChoices = [.. communities.All.Select(c => c.Key).Concat(View.Communities).Distinct().Order(StringComparer.Ordinal)];
    }

    public const string UnavailableText = "The analytics store cannot be read right now (see /readyz); no counts are shown until it is back.";

    public string CsvHref => $"{ConsolePaths.GapsCsv}?community={Uri.EscapeDataString(Scope.Key)}&days={Scope.Days}";
}

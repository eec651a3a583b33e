using BotHost.Console.Access;
using BotHost.Console.Gaps;
using BotHost.Core.Analytics;

namespace BotHost.Tests.Console;

public sealed class GapsViewTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void PerDay_CountsOnTwoDays_FillsTheOtherDaysWithZero()
    {
        var view = new GapsView(
        [
            new DailyCount(Today.AddDays(-2), "discord", "1", string.Empty, "declined", 4),
            new DailyCount(Today, "slack", "T", string.Empty, "declined", 1),
            new DailyCount(Today, "slack", "T", "self-harm", "urgent", 2),
        ], Today, 3);

        Assert.Equal([4L, 0L, 1L], view.DeclinedPerDay);
        Assert.Equal(["self-harm"], view.UrgentCategories);
        Assert.Equal([0L, 0L, 2L], view.UrgentPerDay("self-harm"));
    }

    [Fact]
    public void ToCsv_FieldsWithCommasQuotesOrFormulas_AreQuotedAndDefused()
    {
        var view = new GapsView([new DailyCount(Today, "discord", "a,\"b\"", "=cmd()", "answered", 3)], Today, 1);

        var csv = view.ToCsv();

        Assert.Equal("day,platform,community,kind,article_or_category,count\r\n2026-11-22,discord,\"a,\"\"b\"\"\",answered,'=cmd(),3\r\n", csv);
    }

    [Fact]
    public void Scope_Moderator_AlwaysTheirOwnCommunityWhateverIsAsked()
    {
        var moderator = new ConsoleSession("s", ConsoleRole.Moderator, "slack", "T1", DateTimeOffset.UnixEpoch);
        var admin = new ConsoleSession("a", ConsoleRole.Admin, null, null, DateTimeOffset.UnixEpoch);

        var asked = GapsScope.For(moderator, "discord/999", 90);
        var all = GapsScope.For(admin, null, 5);
        var one = GapsScope.For(admin, "discord/999", 7);

        Assert.Equal(("slack", "T1", 90), (asked.Platform, asked.Community, asked.Days));
        Assert.True(all.IsOverall);
        Assert.Equal(30, all.Days);
        Assert.Equal(("discord", "999"), (one.Platform, one.Community));
    }
}

using BotHost.Core.Feedback;
using BotHost.Core.State;
using BotHost.Testing;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Tests.Feedback;

public sealed class FeedbackDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public async Task IsFirstVoteAsync_SameMemberAndReplyAgain_FalseWhicheverButton()
    {
        var votes = Create();

        var first = await votes.IsFirstVoteAsync("slack", "T1", "U1", "C1/1.1", CancellationToken.None);
        var second = await votes.IsFirstVoteAsync("slack", "T1", "U1", "C1/1.1", CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
    }

    [Fact]
    public async Task IsFirstVoteAsync_OtherMemberOrOtherReplyOrOtherPlatform_True()
    {
        var votes = Create();
        await votes.IsFirstVoteAsync("slack", "T1", "U1", "C1/1.1", CancellationToken.None);

        Assert.True(await votes.IsFirstVoteAsync("slack", "T1", "U2", "C1/1.1", CancellationToken.None));
        Assert.True(await votes.IsFirstVoteAsync("slack", "T1", "U1", "C1/2.2", CancellationToken.None));
        Assert.True(await votes.IsFirstVoteAsync("discord", "T1", "U1", "C1/1.1", CancellationToken.None));
    }

    [Fact]
    public async Task IsFirstVoteAsync_AfterTheWindow_CountsAgain()
    {
        var votes = Create();
        await votes.IsFirstVoteAsync("discord", "G1", "U1", "C1/M1", CancellationToken.None);

        _time.Advance(FeedbackDeduplicator.Window - TimeSpan.FromMinutes(1));
        var withinWindow = await votes.IsFirstVoteAsync("discord", "G1", "U1", "C1/M1", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        var after = await votes.IsFirstVoteAsync("discord", "G1", "U1", "C1/M1", CancellationToken.None);

        Assert.False(withinWindow);
        Assert.True(after);
    }

    private FeedbackDeduplicator Create() =>
        new(new InMemoryEventDeduplicator(Options.Create(new StateOptions()), _time), MemberKey.Random());
}

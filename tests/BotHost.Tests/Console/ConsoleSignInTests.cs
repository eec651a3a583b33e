using BotHost.Console;
using BotHost.Console.Access;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.Extensions.Options;

namespace BotHost.Tests.Console;

public sealed class ConsoleSignInTests
{
    private const string AdminToken = "admin-token-0123456789";
    private const string ModeratorToken = "moderator-token-abcdef";
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly ConsoleSignIn _signIn;

    public ConsoleSignInTests()
    {
        var tokens = new HashedModeratorTokens([(new ModeratorCommunity("slack", "T1"), HashedModeratorTokens.Hash(ModeratorToken))]);
        _signIn = new ConsoleSignIn(Options.Create(new AdminOptions { Token = AdminToken }), tokens,
            new ConsoleSessionStore(Options.Create(new ConsoleOptions()), _time), new SignInThrottle(_time));
    }

    [Fact]
    public void SignIn_AdminToken_GivesAnAdminSession()
    {
        var (session, problem) = _signIn.SignIn(AdminToken);

        Assert.Null(problem);
        Assert.True(session!.IsAdmin);
        Assert.True(session.MaySee("discord", "any"));
    }

    [Fact]
    public void SignIn_ModeratorToken_GivesASessionForItsCommunityOnly()
    {
        var (session, _) = _signIn.SignIn(ModeratorToken);

        Assert.Equal(ConsoleRole.Moderator, session!.Role);
        Assert.True(session.MaySee("slack", "T1"));
        Assert.False(session.MaySee("slack", "T2"));
        Assert.False(session.MaySee("discord", "T1"));
    }

    [Fact]
    public void SignIn_TenWrongTokensInAMinute_RefusesEvenTheRightOneUntilTheMinuteHasPassed()
    {
        for (var i = 0; i < SignInThrottle.MaxFailures; i++) _signIn.SignIn($"wrong-{i}");

        var blocked = _signIn.SignIn(AdminToken);
        _time.Advance(SignInThrottle.Window);
        var later = _signIn.SignIn(AdminToken);

        Assert.Null(blocked.Session);
        Assert.Contains("Too many failed sign-ins", blocked.Problem, StringComparison.Ordinal);
        Assert.NotNull(later.Session);
    }

    [Fact]
    public void SignIn_EmptyToken_AsksForOneWithoutCountingAFailure()
    {
        var (session, problem) = _signIn.SignIn(string.Empty);

        Assert.Null(session);
        Assert.Equal("Enter your token.", problem);
    }
}

using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Core.State;
using BotHost.Testing;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Tests.Safety;

public sealed class RateLimitHandlerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingLoggerProvider _logs = new();
    private readonly PipelineFixture _fixture = new();

    private RateLimitHandler Handler(int perMinute = 5) => new(
        Options.Create(new RateLimitOptions { QuestionsPerMinute = perMinute }), new KeywordUrgency(), new EmbeddedState(_time).Limits, MemberKey.Random(),
        _logs.CreateLogger<RateLimitHandler>());

    private MessageContext Context(string text, string user = "u1", MessageSource source = MessageSource.Mention) => new(
        new IncomingMessage { Platform = "test", CommunityId = "g", ChannelId = "c", UserId = user, Text = text, Source = source },
        CommunitySettings.Default, _fixture.Knowledge);

    [Fact]
    public async Task HandleAsync_SixthQuestionInAMinute_IsAskedToWaitPrivately()
    {
        var handler = Handler();
        for (var i = 0; i < 5; i++) Assert.Null(await handler.HandleAsync(Context("what is sextortion"), CancellationToken.None));

        var reply = await handler.HandleAsync(Context("what is sextortion"), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.Equal(ReplyKind.RateLimited, reply.Kind);
        Assert.True(reply.IsPrivate);
    }

    [Fact]
    public async Task HandleAsync_AfterTheWindowSlides_AnswersAgain()
    {
        var handler = Handler();
        for (var i = 0; i < 5; i++) await handler.HandleAsync(Context("q"), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await handler.HandleAsync(Context("q"), CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await handler.HandleAsync(Context("q"), CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_UrgentMessageOverTheLimit_IsNeverLimited()
    {
        var handler = Handler(perMinute: 1);
        await handler.HandleAsync(Context("q"), CancellationToken.None);

        Assert.Null(await handler.HandleAsync(Context("URGENT help"), CancellationToken.None));
    }

    [Fact]
    public async Task HandleAsync_OtherMemberAndConsole_HaveTheirOwnAllowance()
    {
        var handler = Handler(perMinute: 1);
        await handler.HandleAsync(Context("q", "u1"), CancellationToken.None);

        Assert.Null(await handler.HandleAsync(Context("q", "u2"), CancellationToken.None));
        Assert.Null(await handler.HandleAsync(Context("q", "u1", MessageSource.Console), CancellationToken.None));
    }

    public void Dispose()
    {
        _logs.Dispose();
        _fixture.Dispose();
    }

    /// <summary>Urgent when the text contains "URGENT": the limiter only needs a yes or no.</summary>
    private sealed class KeywordUrgency : IUrgencyClassifier
    {
        public UrgencyCategory? Classify(string text) => text.Contains("URGENT", StringComparison.Ordinal) ? UrgencyCategory.SelfHarm : null;
    }
}

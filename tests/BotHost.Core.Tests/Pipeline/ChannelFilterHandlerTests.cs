using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using Microsoft.Extensions.DependencyInjection;

namespace BotHost.Core.Tests.Pipeline;

public sealed class ChannelFilterHandlerTests : IDisposable
{
    private static readonly CommunitySettings OnlyGeneral = new() { AnswerChannels = ["general", "alerts"], IgnoreChannels = ["alerts"] };

    private readonly PipelineFixture _fixture = new();

    private MessageContext Context(string channel, MessageSource source, bool privateConversation = false, CommunitySettings? community = null) => new(
        PipelineFixture.Message("what is sextortion", source) with { ChannelId = channel, IsPrivateConversation = privateConversation },
        community ?? OnlyGeneral, _fixture.Knowledge);

    [Fact]
    public async Task HandleAsync_MentionOutsideTheAnswerChannels_IgnoredWithNothingToSend()
    {
        var reply = await new ChannelFilterHandler().HandleAsync(Context("random", MessageSource.Mention), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.Equal(ReplyKind.Ignored, reply.Kind);
        Assert.True(reply.IsPrivate);
        Assert.Empty(reply.Blocks);
    }

    [Theory]
    [InlineData(MessageSource.Mention)]
    [InlineData(MessageSource.Command)]
    public async Task HandleAsync_UrgentMessageInAnIgnoredChannel_PassesToTheUrgentHandler(MessageSource source)
    {
        var handler = new ChannelFilterHandler(new FixedUrgency(UrgencyCategory.SelfHarm));

        var reply = await handler.HandleAsync(Context("random", source), CancellationToken.None);

        Assert.Null(reply);
    }

    [Fact]
    public async Task HandleAsync_NotUrgentInAnIgnoredChannel_StillIgnored()
    {
        var reply = await new ChannelFilterHandler(new FixedUrgency(null)).HandleAsync(Context("random", MessageSource.Mention), CancellationToken.None);

        Assert.Equal(ReplyKind.Ignored, reply?.Kind);
    }

    private sealed class FixedUrgency(UrgencyCategory? category) : IUrgencyClassifier
    {
        public UrgencyCategory? Classify(string text) => category;
    }

    [Theory]
    [InlineData(MessageSource.Command)]
    [InlineData(MessageSource.ContextMenu)]
    public async Task HandleAsync_CommandOrActionInAnIgnoredChannel_PrivateHintToUseADirectMessage(MessageSource source)
    {
        var reply = await new ChannelFilterHandler().HandleAsync(Context("alerts", source), CancellationToken.None);

        Assert.NotNull(reply);
        Assert.Equal(ReplyKind.Help, reply.Kind);
        Assert.True(reply.IsPrivate);
        Assert.Equal(BotTexts.NotAnsweredHere, Assert.IsType<TextBlock>(Assert.Single(reply.Blocks)).Text);
        Assert.Null(reply.Feedback);
    }

    [Theory]
    [InlineData(MessageSource.Mention)]
    [InlineData(MessageSource.Command)]
    [InlineData(MessageSource.ContextMenu)]
    public async Task HandleAsync_AnswerChannel_PassesToTheNextHandler(MessageSource source)
    {
        var reply = await new ChannelFilterHandler().HandleAsync(Context("general", source), CancellationToken.None);

        Assert.Null(reply);
    }

    [Theory]
    [InlineData(MessageSource.DirectMessage, false)]
    [InlineData(MessageSource.Console, true)]
    [InlineData(MessageSource.Command, true)]
    public async Task HandleAsync_PrivateConversationOrDirectMessage_NeverFiltered(MessageSource source, bool privateConversation)
    {
        var reply = await new ChannelFilterHandler().HandleAsync(Context("random", source, privateConversation), CancellationToken.None);

        Assert.Null(reply);
    }

    [Fact]
    public async Task HandleAsync_CommunityWithNoChannelLists_AnswersEverywhere()
    {
        var reply = await new ChannelFilterHandler().HandleAsync(Context("anywhere", MessageSource.Mention, community: CommunitySettings.Default), CancellationToken.None);

        Assert.Null(reply);
    }

    [Fact]
    public async Task HandleAsync_InThePipeline_AnIgnoredChannelGetsNoAnswerButADirectMessageDoes()
    {
        using var fixture = new PipelineFixture(new CommunitySettings { IgnoreChannels = ["channel-1"] }, [new ChannelFilterHandler()]);

        var mention = await fixture.SendAsync("what is sextortion");
        var direct = await fixture.Pipeline.HandleAsync(
            PipelineFixture.Message("what is sextortion", MessageSource.DirectMessage) with { IsPrivateConversation = true }, CancellationToken.None);

        Assert.Equal(ReplyKind.Ignored, mention.Kind);
        Assert.Equal(ReplyKind.Answer, direct.Kind);
    }

    [Fact]
    public void AddBotHostCore_Handlers_TheChannelFilterRunsFirst()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IKnowledgeProvider>(new FixedKnowledgeProvider(_fixture.Knowledge))
            .AddSingleton<ICommunityDirectory>(new FixedCommunityDirectory(CommunitySettings.Default))
            .AddBotHostCore()
            .BuildServiceProvider();

        var first = provider.GetServices<IMessageHandler>().MinBy(h => h.Order);

        Assert.IsType<ChannelFilterHandler>(first);
        Assert.True(HandlerOrder.Channels < HandlerOrder.RateLimit);
    }

    public void Dispose() => _fixture.Dispose();
}

using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Knowledge;
using BotHost.Testing;

namespace BotHost.Core.Tests;

/// <summary>The real pipeline over the sample knowledge folder, with a recording logger.</summary>
public sealed class PipelineFixture : IDisposable
{
    private readonly TempKnowledgeFolder _folder;

    public PipelineFixture(CommunitySettings? community = null, IEnumerable<IMessageHandler>? extraHandlers = null)
    {
        _folder = SampleKnowledge.Create();
        Knowledge = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, Time).Knowledge!;
        Metrics = new BotMetrics();
        IMessageHandler[] handlers = [new CommandHandler(), new AskHandler(), .. extraHandlers ?? []];
        Pipeline = new MessagePipeline(handlers, new FixedKnowledgeProvider(Knowledge),
            new FixedCommunityDirectory(community ?? new CommunitySettings { Region = "US" }), Metrics, Logs.CreateLogger<MessagePipeline>());
    }

    public FakeTimeProvider Time { get; } = new(TestClock.Start);

    public RecordingLoggerProvider Logs { get; } = new();

    public KnowledgeBase Knowledge { get; }

    public BotMetrics Metrics { get; }

    public MessagePipeline Pipeline { get; }

    public static IncomingMessage Message(string text, MessageSource source = MessageSource.Mention, string? command = null) => new()
    {
        Platform = "test",
        CommunityId = "guild-1",
        ChannelId = "channel-1",
        UserId = "user-1",
        Text = text,
        Source = source,
        Command = command,
    };

    public Task<Reply> SendAsync(string text, MessageSource source = MessageSource.Mention, string? command = null) =>
        Pipeline.HandleAsync(Message(text, source, command), CancellationToken.None);

    public void Dispose()
    {
        Knowledge.Dispose();
        Metrics.Dispose();
        _folder.Dispose();
    }
}

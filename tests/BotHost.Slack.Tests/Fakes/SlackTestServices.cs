using BotHost.Core;
using BotHost.Core.Adapters;
using BotHost.Core.Communities;
using BotHost.Core.Feedback;
using BotHost.Core.Pipeline;
using BotHost.Knowledge;
using BotHost.Testing;
using BotHost.Testing.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Tests.Fakes;

/// <summary>
/// The adapter as <c>AddBotHostCore</c> + <c>AddSlack</c> register it, over the sample knowledge, talking to a loopback
/// Slack server, with a fake clock and a recording logger. No web host: tests call the services directly.
/// </summary>
internal sealed class SlackTestServices : IAsyncDisposable
{
    private readonly TempKnowledgeFolder _folder;
    private readonly KnowledgeBase _knowledge;

    private SlackTestServices(LoopbackSlackServer server, Dictionary<string, string?> settings, CommunitySettings community,
        Action<IServiceCollection>? register)
    {
        Server = server;
        _folder = SampleKnowledge.Create();
        _knowledge = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, Time.Fake).Knowledge!;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton<TimeProvider>(Time);
        services.AddKeyedSingleton<Random>(SlackServiceKeys.Random, new FixedRandom(0));
        services.AddSingleton<IKnowledgeProvider>(new FixedKnowledgeProvider(_knowledge));
        services.AddSingleton<ICommunityDirectory>(new FixedCommunityDirectory(community));
        services.AddSingleton<IFeedbackRecorder>(Feedback);
        register?.Invoke(services);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services.AddOptions<ReplyQueueOptions>().Bind(configuration.GetSection(ReplyQueueOptions.Section));
        services.AddBotHostCore();
        services.AddSlack(configuration);
        Provider = services.BuildServiceProvider();
    }

    public LoopbackSlackServer Server { get; }

    public ObservedTimeProvider Time { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public RecordingFeedbackRecorder Feedback { get; } = new();

    public ServiceProvider Provider { get; }

    /// <summary>Settings: signing secret, bot and app tokens, and the loopback API; <paramref name="configure"/> changes them.</summary>
    public static async Task<SlackTestServices> StartAsync(Action<Dictionary<string, string?>>? configure = null, CommunitySettings? community = null,
        Action<IServiceCollection>? register = null)
    {
        var server = await LoopbackSlackServer.StartAsync();
        var settings = Settings(server);
        configure?.Invoke(settings);
        return new SlackTestServices(server, settings, community ?? new CommunitySettings { Region = "US" }, register);
    }

    public static Dictionary<string, string?> Settings(LoopbackSlackServer server) => new()
    {
        ["Slack:SigningSecret"] = TestOptions.SigningSecret,
        ["Slack:BotToken"] = TestOptions.BotToken,
        ["Slack:AppToken"] = TestOptions.AppToken,
        ["Slack:ApiBaseUrl"] = server.ApiBaseUrl.AbsoluteUri,
    };

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Server.DisposeAsync();
        _knowledge.Dispose();
        _folder.Dispose();
        Time.Dispose();
        Feedback.Dispose();
        Logs.Dispose();
    }
}

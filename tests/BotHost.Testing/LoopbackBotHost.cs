using System.Net;
using BotHost.Core;
using BotHost.Core.Communities;
using BotHost.Core.Feedback;
using BotHost.Core.Pipeline;
using BotHost.Knowledge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotHost.Testing;

/// <summary>
/// What the Discord and Slack end-to-end hosts share: a real web host on a loopback port composed as <c>bothost serve</c>
/// composes it (<c>AddBotHostCore</c> over the sample knowledge, a community directory and a feedback recorder), with a
/// fake clock and a recording logger. Each platform's test host adds its own services and endpoints and plays its
/// platform against it.
/// </summary>
public sealed class LoopbackBotHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempKnowledgeFolder? _folder;
    private readonly KnowledgeBase _knowledge;
    private bool _stopped;

    private LoopbackBotHost(Dictionary<string, string?> settings, CommunitySettings community, IFeedbackRecorder feedback,
        Action<IServiceCollection, IConfiguration> addPlatform, Action<WebApplication> mapPlatform, KnowledgeOptions? knowledge)
    {
        _folder = knowledge is null ? SampleKnowledge.Create() : null;
        _knowledge = KnowledgeBase.Load(knowledge ?? new KnowledgeOptions { Path = _folder!.Path }, Time.Fake).Knowledge!;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<IKnowledgeProvider>(new FixedKnowledgeProvider(_knowledge));
        builder.Services.AddSingleton<ICommunityDirectory>(new FixedCommunityDirectory(community));
        builder.Services.AddSingleton<IFeedbackRecorder>(feedback);
        builder.Services.AddBotHostCore();
        addPlatform(builder.Services, builder.Configuration);
        _app = builder.Build();
        mapPlatform(_app);
    }

    public ObservedTimeProvider Time { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    /// <summary>A client of the host's loopback address.</summary>
    public HttpClient Client { get; private set; } = new();

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Builds and starts the host: <paramref name="addPlatform"/> registers the platform (after Core, as <c>serve</c>
    /// does) and <paramref name="mapPlatform"/> maps its endpoints.
    /// </summary>
    /// <param name="knowledge">The knowledge folder and encoder to serve (default: the sample knowledge, without the encoder).</param>
    public static async Task<LoopbackBotHost> StartAsync(Dictionary<string, string?> settings, CommunitySettings community, IFeedbackRecorder feedback,
        Action<IServiceCollection, IConfiguration> addPlatform, Action<WebApplication> mapPlatform, KnowledgeOptions? knowledge = null)
    {
        ArgumentNullException.ThrowIfNull(addPlatform);
        ArgumentNullException.ThrowIfNull(mapPlatform);
        var host = new LoopbackBotHost(settings, community, feedback, addPlatform, mapPlatform, knowledge);
        await host._app.StartAsync();
        host.Client = new HttpClient { BaseAddress = new Uri(host._app.Urls.First()) };
        return host;
    }

    /// <summary>Stops the host as a shutdown would: receivers first, then the reply queue drains, so every queued reply is sent.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        Client.Dispose();
        _knowledge.Dispose();
        _folder?.Dispose();
        Time.Dispose();
        Logs.Dispose();
    }
}

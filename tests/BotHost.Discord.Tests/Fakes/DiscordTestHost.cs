using System.Net;
using BotHost.Core;
using BotHost.Core.Communities;
using BotHost.Core.Feedback;
using BotHost.Core.Pipeline;
using BotHost.Knowledge;
using BotHost.Testing;
using BotHost.Testing.Discord;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Tests.Fakes;

/// <summary>
/// A real web host on a loopback port composed as <c>bothost serve</c> composes it (AddBotHostCore + AddDiscord +
/// MapDiscord over a sample knowledge base), with Discord's REST API on a second loopback server. Tests play Discord:
/// they sign and post interactions, or hand gateway dispatches to the dispatch handler, then read what the bot sent.
/// </summary>
internal sealed class DiscordTestHost : IAsyncDisposable
{
    public const string ApplicationId = "775799577604522054";
    public const string BotUserId = "1111111111111111111";
    public const string BotToken = "loopback-bot-token-0123456789";

    private readonly WebApplication _app;
    private readonly TempKnowledgeFolder _folder;
    private readonly KnowledgeBase _knowledge;
    private bool _stopped;

    private DiscordTestHost(LoopbackDiscordApi api, Dictionary<string, string?> settings, CommunitySettings community, Action<IServiceCollection>? services)
    {
        Api = api;
        _folder = SampleKnowledge.Create();
        _knowledge = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, Time.Fake).Knowledge!;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<IKnowledgeProvider>(new FixedKnowledgeProvider(_knowledge));
        builder.Services.AddSingleton<ICommunityDirectory>(new FixedCommunityDirectory(community));
        builder.Services.AddSingleton<IFeedbackRecorder>(Feedback);
        builder.Services.AddBotHostCore();
        builder.Services.AddDiscord(builder.Configuration);
        services?.Invoke(builder.Services);
        _app = builder.Build();
        _app.MapDiscord();
        _app.Services.GetRequiredService<DiscordBotIdentity>().Set(BotUserId);
    }

    public LoopbackDiscordApi Api { get; }

    public ObservedTimeProvider Time { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public FeedbackLog Feedback { get; } = new();

    public HttpClient Client { get; private set; } = new();

    public IServiceProvider Services => _app.Services;

    public static async Task<DiscordTestHost> StartAsync(Action<Dictionary<string, string?>>? configure = null, CommunitySettings? community = null,
        Action<IServiceCollection>? services = null, Action<LoopbackDiscordApi>? prepare = null)
    {
        var api = await LoopbackDiscordApi.StartAsync();
        prepare?.Invoke(api);
        var settings = new Dictionary<string, string?>
        {
            ["Discord:ApplicationId"] = ApplicationId,
            ["Discord:PublicKey"] = DiscordSigner.PublicKeyHex,
            ["Discord:BotToken"] = BotToken,
            ["Discord:Gateway"] = "false",
            ["Discord:ApiBaseUrl"] = api.ApiBaseUrl.AbsoluteUri,
            ["Safety:QuestionsPerMinute"] = "1000",
        };
        configure?.Invoke(settings);
        var host = new DiscordTestHost(api, settings, community ?? new CommunitySettings { Region = "US" }, services);
        await host._app.StartAsync();
        host.Client = new HttpClient { BaseAddress = new Uri(host._app.Urls.First()) };
        return host;
    }

    public Task<HttpResponseMessage> PostInteractionAsync(string json) => Client.SendAsync(DiscordSigner.SignedPost("/discord/interactions", json));

    /// <summary>Stops the host: the gateway first, then the reply queue drains, so every queued reply has been sent.</summary>
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
        await Api.DisposeAsync();
        _knowledge.Dispose();
        _folder.Dispose();
        Time.Dispose();
        Logs.Dispose();
    }
}

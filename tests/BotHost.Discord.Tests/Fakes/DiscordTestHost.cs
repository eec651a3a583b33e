using BotHost.Core.Communities;
using BotHost.Testing;
using BotHost.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;

namespace BotHost.Discord.Tests.Fakes;

/// <summary>
/// The shared <see cref="LoopbackBotHost"/> with the Discord adapter (AddDiscord + MapDiscord), and Discord's REST API on
/// a second loopback server. Tests play Discord: they sign and post interactions, or hand gateway dispatches to the
/// dispatch handler, then read what the bot sent.
/// </summary>
internal sealed class DiscordTestHost : IAsyncDisposable
{
    public const string ApplicationId = "775799577604522054";
    public const string BotUserId = "1111111111111111111";
    public const string BotToken = "loopback-bot-token-0123456789";

    private readonly LoopbackBotHost _host;

    private DiscordTestHost(LoopbackBotHost host, LoopbackDiscordApi api, FeedbackLog feedback)
    {
        _host = host;
        Api = api;
        Feedback = feedback;
    }

    public LoopbackDiscordApi Api { get; }

    public FeedbackLog Feedback { get; }

    public ObservedTimeProvider Time => _host.Time;

    public RecordingLoggerProvider Logs => _host.Logs;

    public HttpClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

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
        var feedback = new FeedbackLog();
        var host = await LoopbackBotHost.StartAsync(settings, community ?? new CommunitySettings { Region = "US" }, feedback,
            (registered, configuration) =>
            {
                registered.AddDiscord(configuration);
                services?.Invoke(registered);
            },
            app =>
            {
                app.MapDiscord();
                app.Services.GetRequiredService<DiscordBotIdentity>().Set(BotUserId);
            });
        return new DiscordTestHost(host, api, feedback);
    }

    public Task<HttpResponseMessage> PostInteractionAsync(string json) => Client.SendAsync(DiscordSigner.SignedPost("/discord/interactions", json));

    /// <summary>Stops the host: the gateway first, then the reply queue drains, so every queued reply has been sent.</summary>
    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await Api.DisposeAsync();
    }
}

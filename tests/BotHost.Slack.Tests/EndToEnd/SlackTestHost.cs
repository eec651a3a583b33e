using System.Globalization;
using System.Net;
using System.Text;
using BotHost.Core;
using BotHost.Core.Communities;
using BotHost.Core.Feedback;
using BotHost.Core.Pipeline;
using BotHost.Knowledge;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing;
using BotHost.Testing.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Tests.EndToEnd;

/// <summary>
/// A real web host on a loopback port composed the way <c>bothost serve</c> will compose it (AddBotHostCore + AddSlack +
/// MapSlack over a knowledge provider and a community directory), with Slack's Web API on a second loopback server.
/// Tests play Slack: they sign and post requests, then read what the bot sent back.
/// </summary>
internal sealed class SlackTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempKnowledgeFolder _folder;
    private readonly KnowledgeBase _knowledge;
    private bool _stopped;

    private SlackTestHost(LoopbackSlackServer server, Dictionary<string, string?> settings, CommunitySettings community)
    {
        Slack = server;
        _folder = SampleKnowledge.Create();
        _knowledge = KnowledgeBase.Load(new KnowledgeOptions { Path = _folder.Path }, Time.Fake).Knowledge!;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddProvider(Logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddKeyedSingleton<Random>(SlackServiceKeys.Random, new FixedRandom(0));
        builder.Services.AddSingleton<IKnowledgeProvider>(new FixedKnowledgeProvider(_knowledge));
        builder.Services.AddSingleton<ICommunityDirectory>(new FixedCommunityDirectory(community));
        builder.Services.AddSingleton<IFeedbackRecorder>(Feedback);
        builder.Services.AddBotHostCore();
        builder.Services.AddSlack(builder.Configuration);
        _app = builder.Build();
        _app.MapSlack();
    }

    public LoopbackSlackServer Slack { get; }

    public ObservedTimeProvider Time { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public RecordingFeedbackRecorder Feedback { get; } = new();

    public HttpClient Client { get; private set; } = new();

    public IServiceProvider Services => _app.Services;

    public static async Task<SlackTestHost> StartAsync(Action<Dictionary<string, string?>>? configure = null, CommunitySettings? community = null)
    {
        var server = await LoopbackSlackServer.StartAsync();
        var settings = SlackTestServices.Settings(server);
        configure?.Invoke(settings);
        var host = new SlackTestHost(server, settings, community ?? new CommunitySettings { Region = "US" });
        await host._app.StartAsync();
        host.Client = new HttpClient { BaseAddress = new Uri(host._app.Urls.First()) };
        return host;
    }

    /// <summary>An Events API request signed with the test signing secret at the fake clock's time.</summary>
    public Task<HttpResponseMessage> PostEventAsync(string json, int? retryNum = null, string? retryReason = null)
    {
        var request = Signed("/slack/events", Encoding.UTF8.GetBytes(json), "application/json");
        if (retryNum is { } n) request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
        if (retryReason is not null) request.Headers.Add("X-Slack-Retry-Reason", retryReason);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, string form) =>
        Client.SendAsync(Signed(path, Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded"));

    public HttpRequestMessage Signed(string path, byte[] body, string contentType) =>
        SlackRequestSigner.SignedPost(path, body, contentType, TestOptions.SigningSecret, Time.GetUtcNow());

    /// <summary>Stops the host as a shutdown would: queued work is answered first.</summary>
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
        await Slack.DisposeAsync();
        _knowledge.Dispose();
        _folder.Dispose();
        Time.Dispose();
        Feedback.Dispose();
        Logs.Dispose();
    }
}

using System.Globalization;
using System.Text;
using BotHost.Core.Communities;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing;
using BotHost.Testing.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace BotHost.Slack.Tests.EndToEnd;

/// <summary>
/// The shared <see cref="LoopbackBotHost"/> with the Slack adapter (AddSlack + MapSlack), and Slack's Web API on a second
/// loopback server. Tests play Slack: they sign and post requests, then read what the bot sent back.
/// </summary>
internal sealed class SlackTestHost : IAsyncDisposable
{
    private readonly LoopbackBotHost _host;

    private SlackTestHost(LoopbackBotHost host, LoopbackSlackServer slack, RecordingFeedbackRecorder feedback)
    {
        _host = host;
        Slack = slack;
        Feedback = feedback;
    }

    public LoopbackSlackServer Slack { get; }

    public RecordingFeedbackRecorder Feedback { get; }

    public ObservedTimeProvider Time => _host.Time;

    public RecordingLoggerProvider Logs => _host.Logs;

    public HttpClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    /// <param name="knowledge">The knowledge to serve (default: the sample knowledge, without the encoder).</param>
    public static async Task<SlackTestHost> StartAsync(Action<Dictionary<string, string?>>? configure = null, CommunitySettings? community = null,
        Knowledge.KnowledgeOptions? knowledge = null)
    {
        var server = await LoopbackSlackServer.StartAsync();
        var settings = SlackTestServices.Settings(server);
        configure?.Invoke(settings);
        var feedback = new RecordingFeedbackRecorder();
        var host = await LoopbackBotHost.StartAsync(settings, community ?? new CommunitySettings { Region = "US" }, feedback,
            (services, configuration) =>
            {
                services.AddKeyedSingleton<Random>(SlackServiceKeys.Random, new FixedRandom(0));
                services.AddSlack(configuration);
            },
            app => app.MapSlack(), knowledge);
        return new SlackTestHost(host, server, feedback);
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
    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await Slack.DisposeAsync();
        Feedback.Dispose();
    }
}

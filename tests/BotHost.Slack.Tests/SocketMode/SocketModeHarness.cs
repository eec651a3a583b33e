using BotHost.Core.Adapters;
using BotHost.Slack.SocketMode;
using BotHost.Slack.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace BotHost.Slack.Tests.SocketMode;

/// <summary>Socket Mode on: the services, a started work queue and client, and either scripted or real WebSockets.</summary>
internal sealed class SocketModeHarness : IAsyncDisposable
{
    private SocketModeHarness(SlackTestServices services, ScriptedWebSocketConnector? connector)
    {
        Services = services;
        Connector = connector;
    }

    public SlackTestServices Services { get; }

    /// <summary>Null when the harness uses real WebSockets to the loopback server.</summary>
    public ScriptedWebSocketConnector? Connector { get; }

    public SlackAdapter Adapter => Services.Get<SlackAdapter>();

    /// <summary>The slash command example envelope, with its response_url moved to the loopback server (hooks/cmd).</summary>
    public string CommandEnvelope(string envelopeId = "xxx-11-222-yyy-zzz") =>
        Testing.Slack.SlackSpecFiles.ReadPayload("slack-socket-mode-envelope-slash-commands.json")
            .Replace("https://hooks.slack.com/commands/T111/111/xxx", Services.Server.ResponseUrl("cmd").AbsoluteUri, StringComparison.Ordinal)
            .Replace("xxx-11-222-yyy-zzz", envelopeId, StringComparison.Ordinal);

    public static async Task<SocketModeHarness> StartAsync(bool scripted, int connections = 1, Action<Dictionary<string, string?>>? configure = null,
        Action<SlackTestServices>? beforeStart = null)
    {
        var connector = scripted ? new ScriptedWebSocketConnector() : null;
        var services = await SlackTestServices.StartAsync(
            s =>
            {
                s["Slack:SocketMode"] = "true";
                s["Slack:SocketModeConnections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture);
                configure?.Invoke(s);
            },
            register: r =>
            {
                if (connector is not null) r.AddKeyedSingleton<IWebSocketConnector>(SlackServiceKeys.SocketMode, connector);
            });
        beforeStart?.Invoke(services);
        await services.Get<BackgroundReplyQueue>().StartAsync(CancellationToken.None);
        await services.Get<SocketModeClient>().StartAsync(CancellationToken.None);
        return new SocketModeHarness(services, connector);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Services.Get<SocketModeClient>().StopAsync(stop.Token);
        await Services.Get<BackgroundReplyQueue>().StopAsync(stop.Token);
        await Services.DisposeAsync();
    }
}

using BotHost.Core.Adapters;
using Microsoft.Extensions.Options;

namespace BotHost.Slack;

/// <summary>
/// The Slack adapter's status for the host's readiness and metrics. HTTP mode is connected once
/// <see cref="SlackEndpointRouteBuilderExtensions.MapSlack"/> has mapped the endpoints; Socket Mode is connected while
/// at least one WebSocket has said hello. A rejected token or Socket Mode switched off in the app's settings is
/// <see cref="AdapterState.Failed"/>.
/// </summary>
internal sealed class SlackAdapter : IChatAdapter
{
    public const string PlatformName = "slack";

    private const string OffDetail = "Slack is off: set Slack__SigningSecret (HTTP request URLs) or Slack__SocketMode=true with Slack__AppToken";

    private readonly IOptions<SlackOptions> _options;
    private readonly AdapterStatusTracker _tracker;
    private bool _httpMapped;
    private int _openSockets;
    private bool _socketEverConnected;
    private long _reconnects;
    private string? _failure;

    public SlackAdapter(IOptions<SlackOptions> options, TimeProvider time)
    {
        _options = options;
        _tracker = new AdapterStatusTracker(time, Compute);
    }

    public string Platform => PlatformName;

    public AdapterStatus Status => _tracker.Status;

    public void HttpMapped() => _tracker.Update(() => _httpMapped = true);

    /// <summary>A Socket Mode connection said hello; every one after the first counts as a reconnection.</summary>
    public void SocketOpened() => _tracker.Update(() =>
    {
        if (_socketEverConnected) _reconnects++;
        _socketEverConnected = true;
        _openSockets++;
    });

    public void SocketClosed() => _tracker.Update(() => _openSockets = Math.Max(0, _openSockets - 1));

    /// <summary>Stopped for good (rejected token, Socket Mode disabled); <paramref name="detail"/> names the fix.</summary>
    public void Fail(string detail) => _tracker.Update(() => _failure = detail);

    private (AdapterState, string?, long) Compute()
    {
        var o = _options.Value;
        var (state, detail) = (o.Enabled, _failure) switch
        {
            (false, _) => (AdapterState.Disabled, OffDetail),
            (_, { } failure) => (AdapterState.Failed, failure),
            _ when o.SocketMode => SocketState(),
            _ => _httpMapped
                ? (AdapterState.Connected, "HTTP endpoints /slack/events, /slack/commands and /slack/interactivity are mapped")
                : (AdapterState.Connecting, "waiting for MapSlack to map the HTTP endpoints"),
        };
        return (state, detail, _reconnects);
    }

    private (AdapterState, string) SocketState() => _openSockets > 0
        ? (AdapterState.Connected, $"Socket Mode: {_openSockets} connection(s) open")
        : _socketEverConnected
            ? (AdapterState.Disconnected, "Socket Mode: reconnecting")
            : (AdapterState.Connecting, "Socket Mode: connecting");
}

using BotHost.Core.Adapters;
using Microsoft.Extensions.Options;

namespace BotHost.Slack;

/// <summary>
/// The Slack adapter's status for the host's readiness and metrics. HTTP mode is connected once
/// <see cref="SlackEndpointRouteBuilderExtensions.MapSlack"/> has mapped the endpoints; Socket Mode is connected while
/// at least one WebSocket has said hello. A rejected token or Socket Mode switched off in the app's settings is
/// <see cref="AdapterState.Failed"/>.
/// </summary>
internal sealed class SlackAdapter(IOptions<SlackOptions> options, TimeProvider time) : IChatAdapter
{
    public const string PlatformName = "slack";

    private const string OffDetail = "Slack is off: set Slack__SigningSecret (HTTP request URLs) or Slack__SocketMode=true with Slack__AppToken";

    private readonly Lock _gate = new();
    private AdapterStatus? _status;
    private bool _httpMapped;
    private int _openSockets;
    private bool _socketEverConnected;
    private long _reconnects;
    private string? _failure;

    public string Platform => PlatformName;

    public AdapterStatus Status
    {
        get
        {
            lock (_gate) return _status ??= Compute();
        }
    }

    public void HttpMapped() => Update(() => _httpMapped = true);

    /// <summary>A Socket Mode connection said hello; every one after the first counts as a reconnection.</summary>
    public void SocketOpened() => Update(() =>
    {
        if (_socketEverConnected) _reconnects++;
        _socketEverConnected = true;
        _openSockets++;
    });

    public void SocketClosed() => Update(() => _openSockets = Math.Max(0, _openSockets - 1));

    /// <summary>Stopped for good (rejected token, Socket Mode disabled); <paramref name="detail"/> names the fix.</summary>
    public void Fail(string detail) => Update(() => _failure = detail);

    private void Update(Action change)
    {
        lock (_gate)
        {
            change();
            var next = Compute();
            if (_status is null || next.State != _status.State || next.Detail != _status.Detail || next.Reconnects != _status.Reconnects) _status = next;
        }
    }

    private AdapterStatus Compute()
    {
        var o = options.Value;
        var (state, detail) = (o.Enabled, _failure) switch
        {
            (false, _) => (AdapterState.Disabled, OffDetail),
            (_, { } failure) => (AdapterState.Failed, failure),
            _ when o.SocketMode => SocketState(),
            _ => _httpMapped
                ? (AdapterState.Connected, "HTTP endpoints /slack/events, /slack/commands and /slack/interactivity are mapped")
                : (AdapterState.Connecting, "waiting for MapSlack to map the HTTP endpoints"),
        };
        var since = _status is { } current && current.State == state ? current.Since : time.GetUtcNow();
        return new AdapterStatus(state, detail, _reconnects, since);
    }

    private (AdapterState, string) SocketState() => _openSockets > 0
        ? (AdapterState.Connected, $"Socket Mode: {_openSockets} connection(s) open")
        : _socketEverConnected
            ? (AdapterState.Disconnected, "Socket Mode: reconnecting")
            : (AdapterState.Connecting, "Socket Mode: connecting");
}

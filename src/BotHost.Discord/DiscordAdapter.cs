using BotHost.Core.Adapters;
using Microsoft.Extensions.Options;

namespace BotHost.Discord;

/// <summary>
/// The Discord adapter's status for the host's readiness and metrics. With only a public key it is connected once
/// <c>MapDiscord</c> has mapped <c>POST /discord/interactions</c>; with the gateway on it is connected while a gateway
/// session is established (READY or RESUMED). A close code that must not be retried (4004, 4010-4014) is
/// <see cref="AdapterState.Failed"/> with the cause.
/// </summary>
public sealed class DiscordAdapter(IOptions<DiscordOptions> options, TimeProvider time) : IChatAdapter
{
    public const string PlatformName = "discord";

    private const string OffDetail = "Discord is off: set Discord__PublicKey (HTTP interactions) or Discord__BotToken (gateway)";

    private readonly Lock _gate = new();
    private AdapterStatus? _status;
    private bool _httpMapped;
    private bool _gatewayReady;
    private bool _gatewayEverReady;
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

    public void InteractionsMapped() => Update(() => _httpMapped = true);

    /// <summary>A gateway session is established (READY, or RESUMED after a reconnect); every one after the first counts as a reconnection.</summary>
    public void GatewayReady() => Update(() =>
    {
        if (_gatewayEverReady && !_gatewayReady) _reconnects++;
        _gatewayEverReady = true;
        _gatewayReady = true;
    });

    /// <summary>The gateway connection dropped; the client is reconnecting.</summary>
    public void GatewayLost() => Update(() => _gatewayReady = false);

    /// <summary>Stopped for good (a rejected token, disallowed intents, bad sharding); <paramref name="detail"/> names the cause and the fix.</summary>
    public void Fail(string detail) => Update(() =>
    {
        _failure = detail;
        _gatewayReady = false;
    });

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
            _ when o.GatewayEnabled => GatewayState(),
            _ => _httpMapped
                ? (AdapterState.Connected, "POST /discord/interactions is mapped")
                : (AdapterState.Connecting, "waiting for MapDiscord to map POST /discord/interactions"),
        };
        var since = _status is { } current && current.State == state ? current.Since : time.GetUtcNow();
        return new AdapterStatus(state, detail, _reconnects, since);
    }

    private (AdapterState, string) GatewayState() => _gatewayReady
        ? (AdapterState.Connected, "gateway session established")
        : _gatewayEverReady
            ? (AdapterState.Disconnected, "gateway: reconnecting")
            : (AdapterState.Connecting, "gateway: connecting");
}

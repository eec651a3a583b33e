using BotHost.Core.Adapters;
using Microsoft.Extensions.Options;

namespace BotHost.Discord;

/// <summary>
/// The Discord adapter's status for the host's readiness and metrics. With only a public key it is connected once
/// <c>MapDiscord</c> has mapped <c>POST /discord/interactions</c>; with the gateway on it is connected while a gateway
/// session is established (READY or RESUMED). A close code that must not be retried (4004, 4010-4014) is
/// <see cref="AdapterState.Failed"/> with the cause.
/// </summary>
public sealed class DiscordAdapter : IChatAdapter
{
    public const string PlatformName = "discord";

    private const string OffDetail = "Discord is off: set Discord__PublicKey (HTTP interactions) or Discord__BotToken (gateway)";

    private readonly IOptions<DiscordOptions> _options;
    private readonly AdapterStatusTracker _tracker;
    private bool _httpMapped;
    private bool _gatewayReady;
    private bool _gatewayEverReady;
    private long _reconnects;
    private string? _failure;

    public DiscordAdapter(IOptions<DiscordOptions> options, TimeProvider time)
    {
        _options = options;
        _tracker = new AdapterStatusTracker(time, Compute);
    }

    public string Platform => PlatformName;

    public AdapterStatus Status => _tracker.Status;

    public void InteractionsMapped() => _tracker.Update(() => _httpMapped = true);

    /// <summary>A gateway session is established (READY, or RESUMED after a reconnect); every one after the first counts as a reconnection.</summary>
    public void GatewayReady() => _tracker.Update(() =>
    {
        if (_gatewayEverReady && !_gatewayReady) _reconnects++;
        _gatewayEverReady = true;
        _gatewayReady = true;
    });

    /// <summary>The gateway connection dropped; the client is reconnecting.</summary>
    public void GatewayLost() => _tracker.Update(() => _gatewayReady = false);

    /// <summary>Stopped for good (a rejected token, disallowed intents, bad sharding); <paramref name="detail"/> names the cause and the fix.</summary>
    public void Fail(string detail) => _tracker.Update(() =>
    {
        _failure = detail;
        _gatewayReady = false;
    });

    private (AdapterState, string?, long) Compute()
    {
        var o = _options.Value;
        var (state, detail) = (o.Enabled, _failure) switch
        {
            (false, _) => (AdapterState.Disabled, OffDetail),
            (_, { } failure) => (AdapterState.Failed, failure),
            _ when o.GatewayEnabled => GatewayState(),
            _ => _httpMapped
                ? (AdapterState.Connected, "POST /discord/interactions is mapped")
                : (AdapterState.Connecting, "waiting for MapDiscord to map POST /discord/interactions"),
        };
        return (state, detail, _reconnects);
    }

    private (AdapterState, string) GatewayState() => _gatewayReady
        ? (AdapterState.Connected, "gateway session established")
        : _gatewayEverReady
            ? (AdapterState.Disconnected, "gateway: reconnecting")
            : (AdapterState.Connecting, "gateway: connecting");
}

using System.Text.Json;
using BotHost.Discord.Gateway;

namespace BotHost.Discord.Tests.Gateway;

/// <summary>
/// <c>GET /gateway/bot</c> answered from the example response (specs/payloads/discord-get-gateway-bot-response.json)
/// with its URL moved to the loopback gateway; counts the calls and fails on demand.
/// </summary>
internal sealed class FakeGatewayUrlSource : IGatewayUrlSource
{
    private int _calls;

    public FakeGatewayUrlSource(Uri url)
    {
        using var example = JsonDocument.Parse(GatewayPayloadFiles.Read("discord-get-gateway-bot-response.json"));
        var root = example.RootElement;
        var limit = root.GetProperty("session_start_limit");
        Info = new GatewayBotInfo(
            url,
            root.GetProperty("shards").GetInt32(),
            limit.GetProperty("remaining").GetInt32(),
            TimeSpan.FromMilliseconds(limit.GetProperty("reset_after").GetInt64()),
            limit.GetProperty("max_concurrency").GetInt32());
    }

    public GatewayBotInfo Info { get; set; }

    /// <summary>Thrown by the next calls instead of answering.</summary>
    public Exception? Failure { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Failure is { } failure ? Task.FromException<GatewayBotInfo>(failure) : Task.FromResult(Info);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using BotHost.State.Tests.Replicas;

namespace BotHost.State.Tests.Sharding;

/// <summary>
/// Discord gateway shards as the README's "Running at scale" runs them: one real <c>bothost serve</c> process per shard
/// (<c>Discord__ShardId</c> of <c>Discord__ShardCount</c>), all on one Redis (<c>State__Redis</c>, one key prefix) and one
/// <see cref="ShardGateway"/>. The processes start together and receive their first HELLO together.
/// </summary>
public sealed class ShardProcesses : IAsyncDisposable
{
    /// <summary>What a shard logs when another shard process holds its bucket's claim (GatewayIdentifyLimiter).</summary>
    public const string BucketBusy = "another shard identified in bucket";

    private const string BotToken = "loopback-shard-token-not-a-real-one-7f3a";

    private readonly string _folder;

    private ShardProcesses(ShardGateway gateway, string folder, IReadOnlyList<ServeProcess> shards)
    {
        Gateway = gateway;
        _folder = folder;
        Shards = shards;
    }

    public ShardGateway Gateway { get; }

    /// <summary>The processes, in the order of the shard ids given to <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<ServeProcess> Shards { get; }

    public static async Task<ShardProcesses> StartAsync(string redis, int[] shardIds, int shardCount, int maxConcurrency)
    {
        ArgumentNullException.ThrowIfNull(shardIds);
        var prefix = StateServers.UniquePrefix();
        var gateway = await ShardGateway.StartAsync(redis, prefix, shardCount);
        gateway.MaxConcurrency = maxConcurrency;
        gateway.HoldHelloFor(shardIds.Length);
        var folder = Directory.CreateTempSubdirectory("bothost-shards-").FullName;
        var starting = shardIds.Select(id => ServeProcess.StartAsync(new Dictionary<string, string>
        {
            ["Discord__BotToken"] = BotToken,
            ["Discord__ApiBaseUrl"] = gateway.ApiBaseUrl.AbsoluteUri,
            ["Discord__ShardId"] = id.ToString(CultureInfo.InvariantCulture),
            ["Discord__ShardCount"] = shardCount.ToString(CultureInfo.InvariantCulture),
            // HELLO is held until every shard has connected, and processes load the knowledge at different speeds.
            ["Discord__HelloTimeout"] = "00:05:00",
            ["State__Redis"] = redis,
            ["State__KeyPrefix"] = prefix,
            ["Analytics__DatabasePath"] = Path.Combine(folder, $"analytics-{id}.db"),
        })).ToList();
        try
        {
            return new ShardProcesses(gateway, folder, await Task.WhenAll(starting));
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully)) await started.Result.DisposeAsync();
            await gateway.DisposeAsync();
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Invalidates every shard's session and waits until each has a new one (READY); returns the round's IDENTIFYs.</summary>
    public async Task<IReadOnlyList<IdentifyRecord>> ReidentifyAsync()
    {
        var round = await Gateway.InvalidateAllAsync();
        await SlackReplicas.EventuallyAsync(() => Gateway.AllReadyIn(round), $"every shard's READY in round {round}", TimeSpan.FromSeconds(90));
        return Gateway.IdentifiesIn(round);
    }

    /// <summary>How often <paramref name="text"/> appears in all the shards' output.</summary>
    public int Occurrences(string text) => Shards.Sum(s => CountOf(s.Output, text));

    /// <summary>How often <paramref name="text"/> appears in the output of the process at <paramref name="index"/>.</summary>
    public int Occurrences(int index, string text) => CountOf(Shards[index].Output, text);

    /// <summary><c>/readyz</c> of <paramref name="shard"/> once it answers 200 (the shard's READY may still be on its way).</summary>
    public async Task<string> ReadyzAsync(int shard)
    {
        var watch = Stopwatch.StartNew();
        var (status, text) = await Shards[shard].ReadyzAsync();
        while (status != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100); // a real process: polled
            (status, text) = await Shards[shard].ReadyzAsync();
        }

        return $"{(int)status}\n{text}";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var shard in Shards) await shard.DisposeAsync();
        await Gateway.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static int CountOf(string output, string text)
    {
        var count = 0;
        for (var at = output.IndexOf(text, StringComparison.Ordinal); at >= 0; at = output.IndexOf(text, at + text.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}

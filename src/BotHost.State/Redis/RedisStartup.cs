using System.Security.Cryptography;
using BotHost.Core.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BotHost.State.Redis;

/// <summary>
/// Connects to Redis when the host starts and, unless <c>State__MemberKeySalt</c> is set, takes the replicas' shared
/// member-key salt from it (the first replica writes a random one with <c>SET NX</c>; every later one reads it), so a
/// member's rate limit, alert merging and feedback vote follow them across replicas. When Redis cannot be reached at start, this replica keeps its own salt and its own memory
/// (<c>/readyz</c> says so) rather than wait: members are answered either way.
/// </summary>
internal sealed partial class RedisStartup(RedisConnection redis, MemberKey members, TimeProvider time, ILogger<RedisStartup> logger) : IHostedService
{
    /// <summary>How long start-up waits for Redis before this replica goes on with its own salt.</summary>
    public static readonly TimeSpan SaltTimeout = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (members.IsConfigured)
        {
            _ = redis.ConnectAsync();
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SaltTimeout);
        Exception? last = null;
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                members.UseSharedSalt(await SharedSaltAsync());
                redis.Succeeded();
                return;
            }
            catch (Exception ex) when (RedisConnection.IsOutage(ex))
            {
                last = ex;
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, CancellationToken.None);
            }
        }

        redis.Failed("startup", last ?? new TimeoutException("Redis did not answer at start"));
        LogOwnSalt(SaltTimeout.TotalSeconds);
    }

    /// <summary>The replicas' salt: written once by whichever replica comes first (<c>SET NX</c>), read by all.</summary>
    private async Task<byte[]> SharedSaltAsync()
    {
        var database = await redis.DatabaseAsync();
        var key = redis.Prefix + "member-key-salt";
        await database.StringSetAsync(key, RandomNumberGenerator.GetBytes(MemberKey.SaltBytes), when: When.NotExists);
        byte[]? salt = await database.StringGetAsync(key);
        return salt ?? throw new RedisException("the member-key salt vanished right after it was written");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer in {Seconds} s at start: this replica keys members with its own salt, so its rate limits and alert merging are its own until restarted with Redis up")]
    private partial void LogOwnSalt(double seconds);
}

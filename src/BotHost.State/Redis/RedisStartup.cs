using System.Security.Cryptography;
using BotHost.Core.Safety;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BotHost.State.Redis;

/// <summary>
/// Connects to Redis when the host starts and takes the replicas' shared member-key salt from it (the first replica
/// writes a random one with <c>SET NX</c>; every later one reads it), so a member's rate limit and alert merging follow
/// them across replicas. When Redis cannot be reached at start, this replica keeps its own salt and its own memory
/// (<c>/readyz</c> says so) rather than wait: members are answered either way.
/// </summary>
internal sealed partial class RedisStartup(RedisConnection redis, ILogger<RedisStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var database = await redis.DatabaseAsync();
            var key = redis.Prefix + "member-key-salt";
            await database.StringSetAsync(key, RandomNumberGenerator.GetBytes(MemberKey.SaltBytes), when: When.NotExists);
            byte[]? salt = await database.StringGetAsync(key);
            MemberKey.UseSharedSalt(salt ?? throw new RedisException("the member-key salt vanished right after it was written"));
            redis.Succeeded();
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            redis.Failed("startup", ex);
            LogOwnSalt();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis could not be reached at start: this replica keys members with its own salt, so its rate limits and alert merging are its own until restarted with Redis up")]
    private partial void LogOwnSalt();
}

using BotHost.Core.Analytics;
using BotHost.Core.State;
using BotHost.State.Postgres;
using BotHost.State.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BotHost.State;

/// <summary>
/// Selects the shared state stores by settings: <c>State__Redis</c> puts de-duplication, rate limits and alert merging
/// on Redis; <c>Analytics__ConnectionString</c> puts the analytics (gap counts and the console's quality history) on
/// PostgreSQL. Without them nothing is registered and Core's embedded stores stay. Call <see cref="Problems"/> first: it
/// reports unreadable settings in one line each.
/// </summary>
public static class StateServiceCollectionExtensions
{
    public const string RedisSetting = "State:Redis";

    public const string PostgresSetting = "Analytics:ConnectionString";

    /// <summary>One line per setting that cannot be read (<c>Setting: what is wrong</c>), never repeating a password.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        List<string> problems = [];
        if (configuration[RedisSetting] is { Length: > 0 } redis)
        {
            try
            {
                RedisConnection.Configuration(redis);
            }
            catch (ArgumentException ex)
            {
                problems.Add($"State__Redis: not a StackExchange.Redis configuration such as redis:6379,password=... ({Reason(ex)})");
            }
        }

        if (configuration[PostgresSetting] is { Length: > 0 } postgres)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(postgres);
                if (string.IsNullOrWhiteSpace(builder.Host)) problems.Add("Analytics__ConnectionString: names no Host (e.g. Host=postgres;Username=bothost;Database=bothost)");
            }
            catch (ArgumentException ex)
            {
                problems.Add($"Analytics__ConnectionString: not a PostgreSQL connection string such as Host=postgres;Username=bothost;Database=bothost ({Reason(ex)})");
            }
        }

        return problems;
    }

    /// <summary>Registers the Redis and PostgreSQL stores that the settings ask for, replacing Core's embedded ones.</summary>
    public static IServiceCollection AddBotHostState(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[RedisSetting] is { Length: > 0 }) AddRedis(services);
        if (configuration[PostgresSetting] is { Length: > 0 } postgres) AddPostgres(services, postgres);
        return services;
    }

    private static void AddRedis(IServiceCollection services)
    {
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<InMemoryEventDeduplicator>();
        services.TryAddSingleton<InMemoryRateLimitStore>();
        services.TryAddSingleton<InMemorySharedCounter>();
        services.Replace(ServiceDescriptor.Singleton<IEventDeduplicator, RedisEventDeduplicator>());
        services.Replace(ServiceDescriptor.Singleton<IRateLimitStore, RedisRateLimitStore>());
        services.Replace(ServiceDescriptor.Singleton<ISharedCounter, RedisSharedCounter>());
        services.AddSingleton<IStateHealth>(sp => sp.GetRequiredService<RedisConnection>());
        services.AddSingleton<IHostedService, RedisStartup>();
    }

    private static void AddPostgres(IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.TryAddSingleton<PostgresAnalyticsStore>();
        services.Replace(ServiceDescriptor.Singleton<IAnalyticsStore>(sp => sp.GetRequiredService<PostgresAnalyticsStore>()));
        services.Replace(ServiceDescriptor.Singleton<IQualityHistory, PostgresQualityHistory>());
        services.AddSingleton<IHostedService, PostgresMigrationService>();
    }

    /// <summary>The parser's reason without the value itself (which may hold a password).</summary>
    private static string Reason(ArgumentException exception) => exception.Message.Split(" (Parameter", 2)[0];
}

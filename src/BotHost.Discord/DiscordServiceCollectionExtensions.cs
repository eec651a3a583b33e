using BotHost.Core.Adapters;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Discord.Alerts;
using BotHost.Discord.Commands;
using BotHost.Discord.Gateway;
using BotHost.Discord.Interactions;
using BotHost.Discord.Messages;
using BotHost.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BotHost.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// The Discord adapter: options from the "Discord" section (validated on start), the REST client with its rate
    /// limits, the interaction handler, the gateway dispatch handler, an <see cref="IChatAdapter"/> and an
    /// <see cref="IModeratorAlertSender"/>. Needs what <c>AddBotHostCore</c> needs. With no Discord setting it
    /// registers everything and stays off. Map the endpoint with <see cref="DiscordEndpointRouteBuilderExtensions.MapDiscord"/>.
    /// </summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DiscordOptions>().Bind(configuration.GetSection(DiscordOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BotMetrics>();

        services.TryAddSingleton<DiscordRateLimiter>();
        services.TryAddSingleton<DiscordRestClient>();
        services.TryAddSingleton<IGatewayUrlSource>(sp => sp.GetRequiredService<DiscordRestClient>());
        services.TryAddSingleton(sp => new DiscordCommandRegistrar(sp.GetRequiredService<DiscordRestClient>(), sp.GetRequiredService<IOptions<DiscordOptions>>()));
        services.TryAddTransient<DiscordRateLimitHandler>();
        services.AddHttpClient(DiscordRestClient.HttpClientName)
            .AddPlatformResilience(sp => RetryPolicy(sp.GetRequiredService<IOptions<DiscordOptions>>().Value))
            .AddHttpMessageHandler<DiscordRateLimitHandler>()
            .RemoveAllLoggers();

        services.TryAddSingleton<DiscordAdapter>();
        services.AddSingleton<IChatAdapter>(sp => sp.GetRequiredService<DiscordAdapter>());
        services.AddSingleton<IModeratorAlertSender, DiscordModeratorAlertSender>();
        services.TryAddSingleton<DiscordBotIdentity>();
        services.TryAddSingleton(sp => new DiscordSignatureVerifier(sp.GetRequiredService<IOptions<DiscordOptions>>().Value.PublicKey));
        services.TryAddSingleton<DiscordInteractionHandler>();
        services.TryAddSingleton<DiscordInteractionsEndpoint>();
        services.TryAddSingleton<DiscordMessageProcessor>();
        services.TryAddSingleton<IGatewayDispatchHandler, DiscordDispatchHandler>();

        services.TryAddKeyedSingleton<Random>(DiscordGatewayClient.RandomServiceKey, (_, _) => Random.Shared);
        // READY and GUILD_CREATE of big guilds reach megabytes; far more means something is wrong. Liveness after the
        // handshake is the gateway's own heartbeat (a missing HEARTBEAT_ACK turns a dead connection into a reconnect).
        services.TryAddKeyedSingleton<IWebSocketConnector>(DiscordGatewayClient.ConnectorServiceKey, (sp, _) =>
            new ClientWebSocketConnector(new WebSocketSettings("gateway", 16 * 1024 * 1024, sp.GetRequiredService<IOptions<DiscordOptions>>().Value.RequestTimeout),
                sp.GetRequiredService<TimeProvider>()));

        // Hosted services stop in reverse order: the gateway stops receiving first, then Core's reply queue (registered
        // before this adapter) drains.
        services.AddHostedService<DiscordGatewayClient>();
        return services;
    }

    /// <summary>Timeouts and retries of Discord REST calls: a 429 is retried after its exact <c>retry_after</c>.</summary>
    private static PlatformRetryPolicy RetryPolicy(DiscordOptions options) =>
        new(options.RequestTimeout, options.MaxRetries, options.MaxRetryAfter,
            async response => (await DiscordRetryAfter.ReadAsync(response, CancellationToken.None)).RetryAfter);
}

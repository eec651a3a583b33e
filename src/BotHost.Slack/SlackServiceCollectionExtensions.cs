using BotHost.Core.Adapters;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Slack.Alerts;
using BotHost.Slack.Api;
using BotHost.Slack.Events;
using BotHost.Slack.Inbound;
using BotHost.Slack.Replies;
using BotHost.Slack.SocketMode;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BotHost.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// The Slack adapter: options from the "Slack" section (validated on start), the Web API client, the inbox (on
    /// Core's reply queue and de-duplicator), Socket Mode, an <see cref="IChatAdapter"/> and an <see cref="IModeratorAlertSender"/>. Needs what
    /// <c>AddBotHostCore</c> needs (an <c>IKnowledgeProvider</c> and an <c>ICommunityDirectory</c>); uses every registered
    /// <c>IFeedbackRecorder</c>. With no Slack setting it registers everything and stays off. Map the HTTP endpoints
    /// with <see cref="SlackEndpointRouteBuilderExtensions.MapSlack"/>.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BotMetrics>();
        services.TryAddKeyedSingleton<Random>(SlackServiceKeys.Random, (_, _) => Random.Shared);

        AddWebApi(services);
        services.TryAddSingleton<SlackAdapter>();
        services.AddSingleton<IChatAdapter>(sp => sp.GetRequiredService<SlackAdapter>());
        services.AddSingleton<IModeratorAlertSender, SlackModeratorAlertSender>();
        services.TryAddSingleton<SlackBotIdentity>();
        services.TryAddSingleton<SlackReplySender>();

        services.TryAddSingleton<SlackSignatureVerifier>();
        services.TryAddSingleton<SlackHttpRequestReader>();
        services.TryAddSingleton<SlackEventsEndpoint>();
        services.TryAddSingleton<SlackCommandsEndpoint>();
        services.TryAddSingleton<SlackInteractivityEndpoint>();

        services.TryAddSingleton<SlackEventProcessor>();
        services.TryAddSingleton<SlackCommandProcessor>();
        services.TryAddSingleton<SlackInteractionProcessor>();
        services.TryAddSingleton<SlackInbox>();

        // Keep-alive is the runtime's: a ping every PingInterval and the connection aborted when no pong comes within
        // PingTimeout (Slack's Node SDK pings every 5 s), the idle watchdog that turns a silently dead connection into
        // a drop and a reconnect. Socket Mode envelopes are a few kilobytes; a larger message means something is wrong.
        services.TryAddKeyedSingleton<IWebSocketConnector>(SlackServiceKeys.SocketMode, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
            return new ClientWebSocketConnector(new WebSocketSettings("Socket Mode", 1024 * 1024, o.RequestTimeout, o.PingInterval, o.PingTimeout),
                sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddKeyedSingleton(SlackServiceKeys.Backoff, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<SlackOptions>>().Value;
            return new ExponentialBackoff(o.ReconnectDelay, o.MaxReconnectDelay, BackoffJitter.Equal, sp.GetRequiredKeyedService<Random>(SlackServiceKeys.Random));
        });
        services.TryAddSingleton<SocketModeEnvelopeHandler>();
        services.TryAddSingleton<SocketModeClient>();

        // Hosted services stop in reverse order: Socket Mode stops receiving first, then Core's reply queue (registered
        // before this adapter) drains.
        services.AddHostedService<SlackStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<SocketModeClient>());
        return services;
    }

    private static void AddWebApi(IServiceCollection services)
    {
        services.TryAddSingleton<SlackRateLimiter>();
        services.TryAddSingleton<SlackApiClient>();
        services.TryAddTransient<SlackRateLimitHandler>();
        services.AddHttpClient(SlackApiClient.WebApiClientName)
            .AddPlatformResilience(RetryPolicy)
            .AddHttpMessageHandler<SlackRateLimitHandler>();
        services.AddHttpClient(SlackApiClient.ResponseUrlClientName)
            .AddPlatformResilience(RetryPolicy)
            .AddHttpMessageHandler<SlackRateLimitHandler>()
            .RemoveAllLoggers();
    }

    /// <summary>Timeouts and retries of Slack calls: a 429 is retried after its exact <c>Retry-After</c>.</summary>
    private static PlatformRetryPolicy RetryPolicy(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        return new PlatformRetryPolicy(options.RequestTimeout, options.MaxRetries, options.MaxRetryAfter,
            response => ValueTask.FromResult(SlackRetryAfter.Of(response, time)));
    }
}

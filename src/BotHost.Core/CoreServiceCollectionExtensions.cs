using BotHost.Core.Adapters;
using BotHost.Core.Analytics;
using BotHost.Core.Console;
using BotHost.Core.Feedback;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Core.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The chat-neutral pipeline: handlers, metrics, the console adapter, the state both platforms share (member keys,
    /// de-duplication, rate limits, feedback votes; in-process unless a shared implementation was registered first; BotHost.State puts them on Redis and the analytics on PostgreSQL when configured) and
    /// the background reply queue (a hosted service: register Core before the adapters, so it stops after them and
    /// drains their work). The host provides <see cref="IKnowledgeProvider"/> and
    /// <see cref="Communities.ICommunityDirectory"/>, and binds the options (<see cref="RateLimitOptions"/>,
    /// <see cref="AnalyticsOptions"/>, <see cref="StateOptions"/>, <see cref="ReplyQueueOptions"/>) to its configuration;
    /// they are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddBotHostCore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BotMetrics>();
        services.AddSingleton<IMessageHandler, ChannelFilterHandler>();
        services.AddSingleton<IMessageHandler, CommandHandler>();
        services.TryAddSingleton<IUrgencyClassifier, UrgencyClassifier>();
        AddSharedState(services);
        services.AddOptions<RateLimitOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        services.AddSingleton<IMessageHandler, RateLimitHandler>();
        services.AddOptions<QuestionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuestionOptions>, QuestionOptionsValidator>());
        services.TryAddSingleton<ModeratorAlertService>();
        services.AddOptions<AnalyticsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnalyticsOptions>, AnalyticsOptionsValidator>());
        services.TryAddSingleton<IAnalyticsStore, SqliteAnalyticsStore>();
        services.AddSingleton<IStateHealth>(sp => sp.GetRequiredService<IAnalyticsStore>());
        services.TryAddSingleton(sp => new GapAnalyticsStore(sp.GetRequiredService<IAnalyticsStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GapAnalyticsStore>>(), sp.GetService<IKnowledgeProvider>()));
        services.AddSingleton<IReplyObserver>(sp => sp.GetRequiredService<GapAnalyticsStore>());
        services.TryAddSingleton<IFeedbackRecorder>(sp => sp.GetRequiredService<GapAnalyticsStore>());
        services.AddSingleton<IUrgentAlerter>(sp => sp.GetRequiredService<ModeratorAlertService>());
        services.AddSingleton<IMessageHandler, UrgentHandler>();
        services.AddSingleton<IMessageHandler, RefusalHandler>();
        services.AddSingleton<IMessageHandler, DistressHandler>();
        services.AddSingleton<IMessageHandler, AskHandler>();
        services.TryAddSingleton<MessagePipeline>();
        services.TryAddSingleton<ConsoleAdapter>();
        return services;
    }

    private static void AddSharedState(IServiceCollection services)
    {
        services.AddOptions<StateOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StateOptions>, StateOptionsValidator>());
        services.TryAddSingleton<MemberKey>();
        services.TryAddSingleton<IEventDeduplicator, InMemoryEventDeduplicator>();
        services.TryAddSingleton<IRateLimitStore, InMemoryRateLimitStore>();
        services.TryAddSingleton<ISharedCounter, InMemorySharedCounter>();
        services.TryAddSingleton<FeedbackDeduplicator>();
        services.AddOptions<ReplyQueueOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReplyQueueOptions>, ReplyQueueOptionsValidator>());
        services.TryAddSingleton<BackgroundReplyQueue>();
        services.TryAddSingleton<IReplyQueue>(sp => sp.GetRequiredService<BackgroundReplyQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundReplyQueue>());
    }
}

using BotHost.Core.Adapters;

namespace BotHost.Serve;

/// <summary>What <c>serve</c> says when it is built: which adapters are on (and what turns the others on), the knowledge
/// version, the communities file and whether the knowledge folder is watched.</summary>
internal static partial class ServeStartupLog
{
    /// <summary>The warning when another process kept the vector cache locked while a version was built (start-up and reloads).</summary>
    public const string CacheLockedMessage =
        "{Count} writes to the vector cache {Path} were skipped: another process kept it locked. The vectors were used all the same; the next load embeds them again";

    public static void Write(IServiceProvider services, KnowledgeHost knowledge, bool adminOn, string? communitiesFile, int communities, bool watching)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("BotHost.Serve");
        var adapters = services.GetServices<IChatAdapter>().ToList();
        var on = adapters.Where(a => a.Status.State != AdapterState.Disabled).Select(a => a.Platform).ToList();
        var off = adapters.Where(a => a.Status.State == AdapterState.Disabled).Select(a => a.Status.Detail).ToList();
        LogAdapters(logger, on.Count == 0 ? "none" : string.Join(", ", on), off.Count == 0 ? "all adapters are on" : string.Join("; ", off));
        LogKnowledge(logger, knowledge.Current.Version, knowledge.Current.Articles.Count, adminOn ? "on" : "off (set Admin__Token)");
        if (knowledge.Current.SkippedCacheWrites > 0) LogCacheLocked(logger, knowledge.Current.SkippedCacheWrites, knowledge.Current.Embedder?.CachePath ?? "");
        LogCommunities(logger, communities, communitiesFile ?? "none (set Communities__File or --communities)");
        if (!watching) LogWatchOff(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, EventId = 1, Message = "Adapters on: {Adapters}. {Hint}")]
    private static partial void LogAdapters(ILogger logger, string adapters, string hint);

    [LoggerMessage(Level = LogLevel.Information, EventId = 2, Message = "Serving knowledge version {Version} ({Articles} articles); admin endpoints {Admin}")]
    private static partial void LogKnowledge(ILogger logger, string version, int articles, string admin);

    [LoggerMessage(Level = LogLevel.Warning, EventId = 5, Message = CacheLockedMessage)]
    private static partial void LogCacheLocked(ILogger logger, long count, string path);

    [LoggerMessage(Level = LogLevel.Information, EventId = 3, Message = "Communities with their own settings: {Count}, from {File}")]
    private static partial void LogCommunities(ILogger logger, int count, string file);

    [LoggerMessage(Level = LogLevel.Information, EventId = 4, Message = "Not watching the knowledge folder (Knowledge__Watch=false); reload with POST /admin/reload")]
    private static partial void LogWatchOff(ILogger logger);
}

using BotHost.Console;
using BotHost.Core;
using BotHost.Core.Adapters;
using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Core.State;
using BotHost.Discord;
using BotHost.Knowledge.Semantics;
using BotHost.Semantics;
using BotHost.Serve.Endpoints;
using BotHost.Serve.Metrics;
using BotHost.Slack;
using BotHost.State;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BotHost.Serve;

/// <summary>
/// <c>bothost serve</c>: Kestrel on the Generic Host with the message pipeline, the live knowledge base, the chat
/// adapters that configuration enables, the operator endpoints (<see cref="OperatorEndpoints"/>) and OpenTelemetry
/// (<see cref="ServeTelemetry"/>). Composition only: each of those lives in its own class.
/// </summary>
public static class ServeHost
{
    /// <summary>Where communities.yaml is (<c>Communities__File</c>); <c>--communities</c> takes precedence.</summary>
    public const string CommunitiesFileSetting = "Communities:File";

    /// <summary>Reload the knowledge base when its files change (<c>Knowledge__Watch</c>, default true).</summary>
    public const string KnowledgeWatchSetting = "Knowledge:Watch";

    /// <summary>The part of <see cref="ShutdownTimeout"/> left for requests in flight and the last log lines.</summary>
    private static readonly TimeSpan RequestDrainAllowance = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Builds the app; null with one line per problem when start-up must stop: the knowledge base or the communities
    /// file has errors, or a setting is invalid (<c>Setting: what is wrong</c>, from the options validators, which run
    /// here rather than when the app starts).
    /// </summary>
    public static (WebApplication? App, IReadOnlyList<string> Problems) Build(ServeSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = QuietRequestLogging });
        if (settings.ConfigFile is { } file) builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
        var communities = Communities(settings.CommunitiesFile ?? builder.Configuration[CommunitiesFileSetting]);
        var watch = KnowledgeWatch(builder.Configuration[KnowledgeWatchSetting]);
        var (embedder, embedderProblem) = Embedder(builder.Configuration, time);
        if (embedder is null) return (null, [embedderProblem!]);
        var console = ConsoleServiceCollectionExtensions.ConsoleSwitch(builder.Configuration);
        var (knowledgeOptions, knowledgeProblems) = KnowledgeSettings.Read(builder.Configuration, settings.KnowledgePath, embedder);
        var (knowledge, diagnostics) = knowledgeProblems.Count == 0 ? KnowledgeHost.Start(knowledgeOptions, time, settings.LoadProgress) : (null, []);
        List<string> problems = [.. diagnostics.Where(d => d.IsError).Select(d => d.ToString()), .. knowledgeProblems, .. communities.Errors, .. watch.Problems, .. console.Problems,
            .. StateServiceCollectionExtensions.Problems(builder.Configuration)];
        if (knowledge is null || problems.Count > 0)
        {
            knowledge?.Dispose();
            return (null, problems);
        }

        builder.WebHost.UseUrls(settings.Urls);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(knowledge);
        builder.Services.AddSingleton<IKnowledgeProvider>(knowledge);
        builder.Services.AddSingleton((ICommunityDirectory?)communities.Directory ?? new FixedCommunityDirectory(CommunitySettings.Default));
        AddValidatedOptions(builder);
        builder.Services.AddBotHostCore();
        builder.Services.AddBotHostState(builder.Configuration);
        builder.Services.AddSlack(builder.Configuration);
        builder.Services.AddDiscord(builder.Configuration);
        builder.AddServeTelemetry(settings);
        builder.Services.AddHostedService<AnalyticsCleanupService>();
        if (watch.On) builder.Services.AddHostedService<KnowledgeWatcher>();
        if (console.On) builder.Services.AddServedConsole(builder.Configuration, communities.Directory);
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<ReplyQueueOptions>>((host, queue) => host.ShutdownTimeout = ShutdownTimeout(queue.Value));

        var app = builder.Build();
        if (SettingsProblems.Validate(app) is { } invalid)
        {
            knowledge.Dispose();
            return (null, invalid);
        }

        var adminToken = app.Configuration["Admin:Token"];
        ServeTelemetry.Start(app);
        app.MapOperatorEndpoints(knowledge, adminToken);
        app.MapSlack();
        app.MapDiscord();
        if (console.On) app.MapBotHostConsole();
        ServeStartupLog.Write(app.Services, knowledge, adminToken is not null, communities.Path, communities.Directory?.Count ?? 0, watch.On);
        return (app, []);
    }

    /// <summary>
    /// Defaults under every other setting: ASP.NET Core's per-request lines ("Request starting", "Executing endpoint")
    /// at Information cost about a quarter of the throughput under load (issue #16), and the pipeline already logs one
    /// line per reply without text. <c>Logging__LogLevel__Microsoft.AspNetCore=Information</c> brings them back.
    /// </summary>
    private static readonly Dictionary<string, string?> QuietRequestLogging = new(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>
    /// How long stopping may take in all. The host stops its services one after the other, in reverse order of
    /// registration: Kestrel first (no new requests; requests in flight are answered), then the Slack and Discord
    /// receivers, then the reply queue both adapters share (<see cref="ReplyQueueOptions.DrainTimeout"/>), so the total
    /// is above the queue's drain.
    /// </summary>
    public static TimeSpan ShutdownTimeout(ReplyQueueOptions queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        return queue.DrainTimeout + RequestDrainAllowance;
    }

    /// <summary>The process's sentence encoder, or the one-line problem that stops start-up when it cannot load.</summary>
    internal static (KnowledgeEmbedder? Embedder, string? Problem) Embedder(IConfiguration configuration, TimeProvider time)
    {
        try
        {
            return (ProcessEmbedder.Get(configuration, time), null);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            return (null, $"Semantics__ModelDirectory: the sentence-embedding model cannot be loaded: {ex.Message}");
        }
    }

    /// <summary><c>Knowledge:Watch</c>: on unless set to false; anything but true or false is a problem, not a guess.</summary>
    private static (bool On, IReadOnlyList<string> Problems) KnowledgeWatch(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (true, []);
        return bool.TryParse(value.Trim(), out var on) ? (on, []) : (false, [$"Knowledge__Watch: '{value}' is not true or false"]);
    }

    /// <summary>The communities file from <c>--communities</c>, else the <c>Communities:File</c> setting; none means defaults for all.</summary>
    private static (string? Path, CommunityDirectory? Directory, IReadOnlyList<string> Errors) Communities(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return (null, null, []);
        var result = CommunitiesFile.Parse(path);
        return (path, result.Directory, result.Errors);
    }

    /// <summary>Binds the options the host owns or feeds; each is validated on start (see <see cref="SettingsProblems"/>).</summary>
    private static void AddValidatedOptions(WebApplicationBuilder builder)
    {
        var (services, configuration) = (builder.Services, builder.Configuration);
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>());
        services.AddOptions<AnalyticsOptions>().Bind(configuration.GetSection(AnalyticsOptions.Section));
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
        services.AddOptions<QuestionOptions>().Bind(configuration.GetSection(QuestionOptions.Section));
        services.AddOptions<StateOptions>().Bind(configuration.GetSection(StateOptions.Section));
        services.AddOptions<ReplyQueueOptions>().Bind(configuration.GetSection(ReplyQueueOptions.Section));
    }
}

using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BotHost.Core;
using BotHost.Core.Adapters;
using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Discord;
using BotHost.Knowledge;
using BotHost.Knowledge.Semantics;
using BotHost.Semantics;
using BotHost.Slack;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BotHost.Serve;

/// <summary>
/// <c>bothost serve</c>: Kestrel on the Generic Host with the message pipeline, the live knowledge base, the chat
/// adapters that configuration enables, and the endpoints operators expect: <c>/healthz</c>, <c>/readyz</c>,
/// <c>/metrics</c>, and (with <c>Admin__Token</c>) <c>POST /admin/reload</c> and <c>POST /ask</c>.
/// </summary>
public static partial class ServeHost
{
    public const string HostMeterName = "BotHost.Host";

    /// <summary>Where communities.yaml is (<c>Communities__File</c>); <c>--communities</c> takes precedence.</summary>
    public const string CommunitiesFileSetting = "Communities:File";

    /// <summary>Reload the knowledge base when its files change (<c>Knowledge__Watch</c>, default true).</summary>
    public const string KnowledgeWatchSetting = "Knowledge:Watch";

    /// <summary>
    /// Builds the app; null with one line per problem when start-up must stop: the knowledge base or the communities
    /// file has errors, or a setting is invalid (<c>Setting: what is wrong</c>, from the options validators, which run
    /// here rather than when the app starts).
    /// </summary>
    public static (WebApplication? App, IReadOnlyList<string> Problems) Build(ServeSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        if (settings.ConfigFile is { } file) builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
        var communities = Communities(settings.CommunitiesFile ?? builder.Configuration[CommunitiesFileSetting]);
        var watch = KnowledgeWatch(builder.Configuration[KnowledgeWatchSetting]);
        var (embedder, embedderProblem) = Embedder(builder.Configuration, time);
        if (embedder is null) return (null, [embedderProblem!]);
        var (knowledge, diagnostics) = KnowledgeHost.Start(new KnowledgeOptions { Path = settings.KnowledgePath, Embedder = embedder }, time);
        List<string> problems = [.. diagnostics.Where(d => d.IsError).Select(d => d.ToString()), .. communities.Errors, .. watch.Problems];
        if (knowledge is null || problems.Count > 0)
        {
            knowledge?.Dispose();
            return (null, problems);
        }

        builder.WebHost.UseUrls(settings.Urls);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(knowledge);
        builder.Services.AddSingleton<IKnowledgeProvider>(knowledge);
        var directory = (ICommunityDirectory?)communities.Directory ?? new FixedCommunityDirectory(CommunitySettings.Default);
        builder.Services.AddSingleton(directory);
        AddValidatedOptions(builder);
        builder.Services.AddBotHostCore();
        builder.Services.AddSlack(builder.Configuration);
        builder.Services.AddDiscord(builder.Configuration);
        builder.Services.AddHostedService<AnalyticsCleanupService>();
        if (watch.On) builder.Services.AddHostedService<KnowledgeWatcher>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));

        // Created by the container so disposing the app disposes them, even when it never started. /metrics collects
        // only this app's own meter objects, so two hosts in one process (tests) never mix their figures.
        builder.Services.AddSingleton(services =>
        {
            var botMeter = services.GetRequiredService<BotMetrics>().Meter;
            var hostMeter = services.GetRequiredKeyedService<Meter>(HostMeterName);
            return new PrometheusText(meter => ReferenceEquals(meter, botMeter) || ReferenceEquals(meter, hostMeter));
        });
        builder.Services.AddKeyedSingleton(HostMeterName, (services, _) =>
        {
            var hostMeter = new Meter(HostMeterName);
            RegisterHostGauges(hostMeter, knowledge, services.GetServices<IChatAdapter>().ToList());
            return hostMeter;
        });

        var app = builder.Build();
        if (InvalidSettings(app) is { } invalid)
        {
            knowledge.Dispose();
            return (null, invalid);
        }

        var token = app.Configuration["Admin:Token"];
        var metrics = app.Services.GetRequiredService<PrometheusText>();
        app.Services.GetRequiredKeyedService<Meter>(HostMeterName);

        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (IEnumerable<IChatAdapter> adapters) => Readiness(knowledge, adapters));
        app.MapGet("/metrics", () => Results.Text(metrics.Write(), "text/plain; version=0.0.4; charset=utf-8"));
        app.MapPost("/admin/reload", async (HttpRequest request) =>
        {
            if (!Authorized(request, token)) return Results.Unauthorized();
            var errors = await Task.Run(knowledge.Reload);
            return errors.Count == 0
                ? Results.Text($"reloaded: version {knowledge.Current.Version}\n")
                : Results.Text($"kept version {knowledge.Current.Version}; the new one has errors:\n{string.Join('\n', errors)}\n", statusCode: 422);
        });
        app.MapPost("/ask", async (HttpRequest request, MessagePipeline pipeline, CancellationToken cancellationToken) =>
        {
            if (!Authorized(request, token)) return Results.Unauthorized();
            var body = await JsonSerializer.DeserializeAsync(request.Body, ServeJsonContext.Default.AskRequest, cancellationToken);
            if (body?.Question is not { Length: > 0 } question) return Results.BadRequest("send {\"question\": \"...\", \"region\": \"US\"}");
            var reply = await pipeline.HandleAsync(new IncomingMessage
            {
                Platform = "admin",
                CommunityId = string.Empty,
                ChannelId = "preview",
                UserId = "maintainer",
                Text = question,
                Source = MessageSource.Console,
                IsPrivateConversation = true,
            }, cancellationToken);
            return Results.Text(JsonSerializer.Serialize(reply, ReplyJsonContext.Default.Reply), "application/json");
        });
        app.MapSlack();
        app.MapDiscord();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BotHost.Serve");
        var adaptersOn = app.Services.GetServices<IChatAdapter>().Where(a => a.Status.State != AdapterState.Disabled).Select(a => a.Platform).ToList();
        var off = app.Services.GetServices<IChatAdapter>().Where(a => a.Status.State == AdapterState.Disabled).Select(a => a.Status.Detail).ToList();
        LogAdapters(logger, adaptersOn.Count == 0 ? "none" : string.Join(", ", adaptersOn), off.Count == 0 ? "all adapters are on" : string.Join("; ", off));
        LogKnowledge(logger, knowledge.Current.Version, knowledge.Current.Articles.Count, token is null ? "off (set Admin__Token)" : "on");
        LogCommunities(logger, communities.Directory?.Count ?? 0, communities.Path ?? "none (set Communities__File or --communities)");
        if (!watch.On) LogWatchOff(logger);
        return (app, []);
    }

    /// <summary><c>Knowledge:Watch</c>: on unless set to false; anything but true or false is a problem, not a guess.</summary>
    /// <summary>The process's sentence encoder, or the one-line problem that stops start-up when it cannot load.</summary>
    private static (KnowledgeEmbedder? Embedder, string? Problem) Embedder(IConfiguration configuration, TimeProvider time)
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

    /// <summary>
    /// The settings problems that stopped the app from starting, one line each (<c>Setting: what is wrong</c>), or null
    /// when <paramref name="exception"/> is not about settings. Start-up validation throws one
    /// <see cref="OptionsValidationException"/>, or an <see cref="AggregateException"/> of them when several options fail.
    /// </summary>
    public static IReadOnlyList<string>? SettingsProblems(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException { InnerExceptions: var inner } when inner.Count > 0 && inner.All(e => e is OptionsValidationException) =>
            [.. inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => null,
    };

    /// <summary>
    /// Runs the start-up validation of every options class now, so bad settings are reported like the other start-up
    /// problems (one line each) instead of as the host's "Hosting failed to start" stack trace; disposes the app then.
    /// </summary>
    private static IReadOnlyList<string>? InvalidSettings(WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (Exception ex) when (SettingsProblems(ex) is { } problems)
        {
            ((IDisposable)app).Dispose();
            return problems;
        }
    }

    /// <summary>Binds the options the host owns or feeds; each is validated on start (see <see cref="SettingsProblems"/>).</summary>
    private static void AddValidatedOptions(WebApplicationBuilder builder)
    {
        var (services, configuration) = (builder.Services, builder.Configuration);
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>());
        services.AddOptions<AnalyticsOptions>().Bind(configuration.GetSection(AnalyticsOptions.Section));
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
    }

    private static IResult Readiness(KnowledgeHost knowledge, IEnumerable<IChatAdapter> adapters)
    {
        var text = new StringBuilder($"knowledge: version {knowledge.Current.Version}\n");
        var ready = true;
        foreach (var adapter in adapters.Where(a => a.Status.State != AdapterState.Disabled))
        {
            var status = adapter.Status;
            ready &= status.IsReady;
            text.Append(adapter.Platform).Append(": ").Append(status.State.ToString().ToLowerInvariant());
            if (status.Detail is { } detail) text.Append(" (").Append(detail).Append(')');
            text.Append('\n');
        }

        if (knowledge.LastErrors.Count > 0)
        {
            text.Append("warning: the last knowledge reload was rejected, still serving the version above: ").Append(knowledge.LastErrors[0]).Append('\n');
        }

        return Results.Text(text.ToString(), statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static void RegisterHostGauges(Meter meter, KnowledgeHost knowledge, IReadOnlyList<IChatAdapter> adapters)
    {
        meter.CreateObservableGauge("bothost_knowledge_info", () => new Measurement<int>(1, new KeyValuePair<string, object?>("version", knowledge.Current.Version)),
            description: "The knowledge base version being served");
        meter.CreateObservableGauge("bothost_knowledge_articles", () => knowledge.Current.Articles.Count, description: "Articles in the served knowledge base");
        meter.CreateObservableGauge("bothost_knowledge_reloads", () => knowledge.Reloads, description: "Knowledge reloads swapped in since start");
        meter.CreateObservableGauge("bothost_knowledge_reload_failures", () => knowledge.FailedReloads, description: "Knowledge reloads rejected for errors since start");
        meter.CreateObservableGauge("bothost_adapter_connected",
            () => adapters.Select(a => new Measurement<int>(a.Status.IsReady ? 1 : 0, new KeyValuePair<string, object?>("platform", a.Platform))),
            description: "1 when the adapter is connected");
        meter.CreateObservableGauge("bothost_adapter_reconnects",
            () => adapters.Select(a => new Measurement<long>(a.Status.Reconnects, new KeyValuePair<string, object?>("platform", a.Platform))),
            description: "Reconnects of the adapter since start");
    }

    /// <summary>Bearer token check in constant time; with no token configured the admin endpoints are off.</summary>
    private static bool Authorized(HttpRequest request, string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..]), Encoding.UTF8.GetBytes(token));
    }

    [LoggerMessage(Level = LogLevel.Information, EventId = 1, Message = "Adapters on: {Adapters}. {Hint}")]
    private static partial void LogAdapters(ILogger logger, string adapters, string hint);

    [LoggerMessage(Level = LogLevel.Information, EventId = 2, Message = "Serving knowledge version {Version} ({Articles} articles); admin endpoints {Admin}")]
    private static partial void LogKnowledge(ILogger logger, string version, int articles, string admin);

    [LoggerMessage(Level = LogLevel.Information, EventId = 3, Message = "Communities with their own settings: {Count}, from {File}")]
    private static partial void LogCommunities(ILogger logger, int count, string file);

    [LoggerMessage(Level = LogLevel.Information, EventId = 4, Message = "Not watching the knowledge folder (Knowledge__Watch=false); reload with POST /admin/reload")]
    private static partial void LogWatchOff(ILogger logger);
}

/// <summary>Where and what <c>serve</c> runs.</summary>
/// <param name="CommunitiesFile">communities.yaml from <c>--communities</c>; null falls back to the <c>Communities:File</c> setting.</param>
public sealed record ServeSettings(string Urls, string KnowledgePath, string? ConfigFile, string? CommunitiesFile = null);

/// <summary>The body of <c>POST /ask</c>.</summary>
public sealed record AskRequest(string? Question, string? Region);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AskRequest))]
internal sealed partial class ServeJsonContext : JsonSerializerContext;

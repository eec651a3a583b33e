using BotHost.Core;
using BotHost.Core.Analytics;
using BotHost.Core.Communities;
using BotHost.Core.Pipeline;
using BotHost.Knowledge;
using BotHost.Serve;

namespace BotHost.Console;

/// <summary>
/// <c>bothost kb preview</c>: the web console on a maintainer's own checkout, on loopback, with no tokens. It loads the
/// folder with the same last-good-version host as <c>serve</c> and the same file watcher, so every save shows up a
/// moment later (or shows as a rejected reload with its file:line errors). No chat adapter runs; analytics go to a
/// throw-away file in the temporary folder.
/// </summary>
public static class ConsolePreviewHost
{
    /// <summary>Builds the preview app, or returns the knowledge folder's errors when its first version cannot load.</summary>
    public static (WebApplication? App, IReadOnlyList<string> Problems) Build(string knowledgePath, int port, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(knowledgePath);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(ConsolePreviewHost).Assembly.GetName().Name });
        var (embedder, embedderProblem) = ServeHost.Embedder(builder.Configuration, time);
        if (embedder is null) return (null, [embedderProblem!]);
        var (knowledge, diagnostics) = KnowledgeHost.Start(new KnowledgeOptions { Path = knowledgePath, Embedder = embedder }, time);
        if (knowledge is null) return (null, [.. diagnostics.Where(d => d.IsError).Select(d => d.ToString())]);

        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration[$"{AnalyticsOptions.Section}:{nameof(AnalyticsOptions.DatabasePath)}"] =
            Path.Combine(Path.GetTempPath(), $"bothost-preview-{Environment.ProcessId}.db");
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(knowledge);
        builder.Services.AddSingleton<IKnowledgeProvider>(knowledge);
        builder.Services.AddSingleton<ICommunityDirectory>(new FixedCommunityDirectory(CommunitySettings.Default));
        builder.Services.AddOptions<AnalyticsOptions>().Bind(builder.Configuration.GetSection(AnalyticsOptions.Section));
        builder.Services.AddBotHostCore();
        builder.Services.AddHostedService<KnowledgeWatcher>();
        builder.Services.AddBotHostConsole(new ConsoleSetup(ConsoleMode.LocalPreview, $"BotHost preview: {Path.GetFullPath(knowledgePath)}"));
        var app = builder.Build();
        app.MapBotHostConsole();
        return (app, []);
    }
}

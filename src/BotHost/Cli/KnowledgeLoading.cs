using BotHost.Knowledge;
using BotHost.Semantics;

namespace BotHost.Cli;

/// <summary>Loads the knowledge base for a command and explains, in one line, why it cannot.</summary>
internal static class KnowledgeLoading
{
    /// <summary>
    /// The knowledge base, or null after one line on stderr saying why not. While its texts are embedded, progress is
    /// shown on stderr (<see cref="KnowledgeBuildProgress"/>; nothing with <paramref name="json"/>).
    /// </summary>
    public static KnowledgeBase? LoadOrExplain(KnowledgeOptions options, CliEnvironment env, bool json = false)
    {
        if (!Directory.Exists(options.Path))
        {
            env.Error.WriteLine($"bothost: knowledge folder not found: {options.Path} (use --knowledge DIR)");
            return null;
        }

        try
        {
            options.Embedder ??= ProcessEmbedder.FromEnvironment(env.Time);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            env.Error.WriteLine($"bothost: the sentence-embedding model cannot be loaded: {ex.Message}");
            return null;
        }

        var embedder = options.Embedder;
        var result = KnowledgeBuildProgress.Run(env, json, embedder, shown =>
        {
            options.Embedder = shown;
            return KnowledgeBase.Load(options, env.Time);
        });

        // Later loads with these options (kb eval --ablation) show no progress: they find every vector in the cache.
        options.Embedder = embedder;
        if (result.Knowledge is { } knowledge)
        {
            if (knowledge.SkippedCacheWrites > 0)
            {
                env.Error.WriteLine($"bothost: {knowledge.SkippedCacheWrites} writes to the vector cache {embedder.CachePath} were skipped: another process kept it locked; the next load embeds those texts again");
            }

            return knowledge;
        }

        var errors = result.Errors.ToList();
        env.Error.WriteLine($"bothost: the knowledge base in {options.Path} has {errors.Count} error(s); run 'bothost kb check {options.Path}'. First: {errors[0]}");
        return null;
    }
}

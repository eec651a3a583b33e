using BotHost.Knowledge;
using BotHost.Semantics;

namespace BotHost.Cli;

/// <summary>Loads the knowledge base for a command and explains, in one line, why it cannot.</summary>
internal static class KnowledgeLoading
{
    public static KnowledgeBase? LoadOrExplain(KnowledgeOptions options, CliEnvironment env)
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

        var result = KnowledgeBase.Load(options, env.Time);
        if (result.Knowledge is not null) return result.Knowledge;
        var errors = result.Errors.ToList();
        env.Error.WriteLine($"bothost: the knowledge base in {options.Path} has {errors.Count} error(s); run 'bothost kb check {options.Path}'. First: {errors[0]}");
        return null;
    }
}

using BotHost.Knowledge.Semantics;

namespace BotHost.Semantics;

/// <summary>
/// The sentence encoder and vector cache of this process: loaded on first use from the <c>Semantics</c> settings
/// (<c>Semantics__ModelDirectory</c>, <c>Semantics__Threads</c>, <c>Semantics__VectorCachePath</c>) and shared by every
/// knowledge base the process loads, reloads included, so the model is in memory once.
/// </summary>
internal static class ProcessEmbedder
{
    private static readonly Lock Gate = new();
    private static KnowledgeEmbedder? _loaded;

    /// <summary>The process's embedder; the first call loads it (with that call's settings).</summary>
    /// <exception cref="FileNotFoundException">The model files are missing.</exception>
    public static KnowledgeEmbedder Get(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        lock (Gate)
        {
            return _loaded ??= KnowledgeEmbedder.Load(Options(configuration), time);
        }
    }

    /// <summary>As <see cref="Get"/>, with the settings read from the environment (the CLI commands).</summary>
    public static KnowledgeEmbedder FromEnvironment(TimeProvider time) => Get(new ConfigurationBuilder().AddEnvironmentVariables().Build(), time);

    private static SentenceEncoderOptions Options(IConfiguration configuration)
    {
        var options = new SentenceEncoderOptions();
        configuration.GetSection(SentenceEncoderOptions.SectionName).Bind(options);
        return options;
    }
}

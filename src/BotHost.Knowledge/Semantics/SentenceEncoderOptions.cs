namespace BotHost.Knowledge.Semantics;

/// <summary>Where the sentence-embedding model is and how it runs (configuration section <c>Semantics</c>).</summary>
public sealed class SentenceEncoderOptions
{
    public const string SectionName = "Semantics";

    /// <summary>The folder with model.onnx, vocab.txt and model.json; null for the one the build puts beside the program.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>
    /// Threads ONNX Runtime uses for one text. One by default: a message is short (a few milliseconds on one core), the
    /// host answers several messages at once on their own threads, and the machines this runs on have two cores shared
    /// with the rest of the bot, so more threads per text only add hand-offs and contention.
    /// </summary>
    public int Threads { get; set; } = 1;

    /// <summary>Tokens read per text, the model's own limit (512); longer texts are cut at the end.</summary>
    public int MaxTokens { get; set; } = ArcticXsEncoder.ModelMaxTokens;

    /// <summary>
    /// The on-disk cache of knowledge-text vectors (never member messages); null for the user's cache folder
    /// (<c>$XDG_CACHE_HOME/bothost</c> or <c>~/.cache/bothost</c>), empty to keep none.
    /// </summary>
    public string? VectorCachePath { get; set; }

    /// <summary>The model folder the build writes beside the program (models/snowflake-arctic-embed-xs).</summary>
    public static string DefaultModelDirectory => Path.Combine(AppContext.BaseDirectory, "models", "snowflake-arctic-embed-xs");

    /// <summary>The vector cache file used when <see cref="VectorCachePath"/> is null.</summary>
    public static string DefaultVectorCachePath
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrWhiteSpace(root))
            {
                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                root = string.IsNullOrEmpty(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
            }

            return Path.Combine(root, "bothost", "vectors.db");
        }
    }
}

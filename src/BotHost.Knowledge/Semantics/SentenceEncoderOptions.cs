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

    /// <summary>
    /// Batches of knowledge texts embedded side by side when a knowledge base is loaded, one thread each (the processor
    /// count by default): a first load embeds every article question and section, which is minutes of work for a large
    /// knowledge base, and runs before the bot answers; a reload re-embeds only the texts that changed.
    /// </summary>
    public int LoadThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Tokens read per text, the model's own limit (512); longer texts are cut at the end.</summary>
    public int MaxTokens { get; set; } = ArcticXsEncoder.ModelMaxTokens;

    /// <summary>
    /// The on-disk cache of knowledge-text vectors (never member messages); null for the user's cache folder
    /// (<c>$XDG_CACHE_HOME/bothost</c> or <c>~/.cache/bothost</c>), empty to keep none.
    /// </summary>
    public string? VectorCachePath { get; set; }

    /// <summary>
    /// Full runs the model as shipped (float weights); Quantized runs its matrix products on int8 weights (<see cref="OnnxInt8Quantizer"/>),
    /// made from the shipped model at the first load and kept beside the vector cache. Quantized needs a CPU with VNNI
    /// (AVX-VNNI) or an Arm64 one; elsewhere the float model runs. The two give different vectors, so each has its own
    /// model id and its own entries in the vector cache.
    /// </summary>
    public EncoderPrecision Precision { get; set; } = EncoderPrecision.Full;

    /// <summary>Where the int8 model is kept: the vector cache's folder, or null (kept in memory only) when there is no cache.</summary>
    internal string? QuantizedModelDirectory()
    {
        var path = VectorCachePath ?? DefaultVectorCachePath;
        return path.Length == 0 ? null : Path.GetDirectoryName(Path.GetFullPath(path));
    }

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

/// <summary>How the sentence encoder's weights are stored and multiplied (<see cref="SentenceEncoderOptions.Precision"/>).</summary>
public enum EncoderPrecision
{
    /// <summary>The shipped model's float weights.</summary>
    Full,

    /// <summary>int8 weights in every matrix product by a weight matrix (<see cref="OnnxInt8Quantizer"/>).</summary>
    Quantized,
}

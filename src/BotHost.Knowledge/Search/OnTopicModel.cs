using System.Globalization;
using System.Security.Cryptography;
using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Search;

/// <summary>
/// How much a question reads like one of the articles' questions rather than everyday chat, from its sentence vector
/// alone (issue #14: declining): a two-class <see cref="SoftmaxRegression"/> fitted at load on the articles' questions
/// against the everyday examples (off-topic.yaml and examples/everyday*.tsv), both embedded as queries, each class
/// weighing the same in total. The nearest-example features of the confidence model (<see cref="ConfidenceModel"/>'s
/// margins) follow wordings close to one example; a linear model over the whole vector learns which directions of the
/// embedding space separate the bot's topics from everyday talk, so it also reads a question near no example.
/// Its log-odds is a feature of the confidence model.
/// </summary>
internal sealed class OnTopicModel
{
    /// <summary>
    /// At most this many vectors per class train the model (every n-th, in file order): the fit costs one pass over
    /// them per iteration, so a knowledge base of thousands of articles loads in about the time the shipped one does.
    /// </summary>
    public const int MaxPerClass = 4_000;

    /// <summary>The log-odds is clamped to this magnitude, so one extreme vector cannot dominate the confidence model.</summary>
    public const double MaxLogOdds = 10;

    private const int OnTopic = 1;

    private readonly SoftmaxRegression _model;

    private OnTopicModel(SoftmaxRegression model, bool fromCache)
    {
        _model = model;
        FromCache = fromCache;
    }

    /// <summary>The model, or null when there are no article questions or no everyday examples to learn from.</summary>
    /// <remarks>
    /// The fitted model is kept in the trained-model cache beside the vector cache (<see cref="TrainedModelCache"/>), keyed
    /// by the code, the model id, the settings and every training text: a reload with the same questions and examples
    /// reads it back, without looking up the 8,000 vectors or fitting again (about 0.45 s of a shipped reload's 2.9 s of CPU).
    /// </remarks>
    public static OnTopicModel? Build(KnowledgeSnapshot snapshot, KnowledgeEmbedder embedder, IReadOnlyList<string> everyday) =>
        Build(snapshot, embedder, everyday, TrainedModelCache.Beside(embedder?.CachePath, embedder?.Time ?? TimeProvider.System));

    /// <inheritdoc cref="Build(KnowledgeSnapshot, KnowledgeEmbedder, IReadOnlyList{string})"/>
    internal static OnTopicModel? Build(KnowledgeSnapshot snapshot, KnowledgeEmbedder embedder, IReadOnlyList<string> everyday, TrainedModelCache? cache)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(everyday);
        var questions = Spread([.. snapshot.Articles.SelectMany(a => a.Questions)]);
        var negatives = Spread(everyday);
        if (questions.Count == 0 || negatives.Count == 0) return null;
        var key = cache is null ? null : Key(embedder.Encoder, questions, negatives);
        if (key is not null && cache!.TryRead(key) is { } payload && Read(payload, embedder.Encoder.Dimensions) is { } cached) return new OnTopicModel(cached, fromCache: true);
        var vectors = embedder.EmbedKnowledge([.. questions, .. negatives], EmbeddingKind.Query);
        var labels = Enumerable.Repeat(OnTopic, questions.Count).Concat(Enumerable.Repeat(1 - OnTopic, negatives.Count)).ToList();
        var model = SoftmaxRegression.Train(vectors, labels, classes: 2);
        if (key is not null)
        {
            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.Write(writer);
            cache!.Write(key, stream.ToArray());
        }

        return new OnTopicModel(model, fromCache: false);
    }

    /// <summary>Whether the model was read back from the trained-model cache rather than fitted by this load.</summary>
    public bool FromCache { get; }

    /// <summary>The log-odds that a question with this vector (unit length, same model) is about the articles' topics.</summary>
    public double LogOdds(ReadOnlySpan<float> vector)
    {
        Span<float> probabilities = stackalloc float[2];
        _model.Predict(vector, probabilities);
        var p = Math.Clamp(probabilities[OnTopic], 1e-6f, 1 - 1e-6f);
        return Math.Clamp(Math.Log(p / (1 - p)), -MaxLogOdds, MaxLogOdds);
    }

    /// <summary>
    /// SHA-256 of what the fit depends on: the code's version (this assembly's module version id, as the safety models'
    /// key), the model id and dimensions, the settings, and every training text in order with its class.
    /// </summary>
    private static byte[] Key(ISentenceEncoder encoder, IReadOnlyList<string> questions, IReadOnlyList<string> negatives)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string value)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(value));
            hash.AppendData([0]);
        }

        Add("bothost on-topic model");
        Add(typeof(OnTopicModel).Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        Add(encoder.ModelId);
        Add(encoder.Dimensions.ToString(CultureInfo.InvariantCulture));
        Add(new SoftmaxRegression.Settings().ToString());
        Add(questions.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var question in questions) Add(question);
        Add(negatives.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var negative in negatives) Add(negative);
        return hash.GetHashAndReset();
    }

    /// <summary>A cached model, or null when the payload is not a two-class model of these dimensions.</summary>
    private static SoftmaxRegression? Read(byte[] payload, int dimensions)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload));
            var model = SoftmaxRegression.Read(reader);
            return model.Classes == 2 && model.Dimensions == dimensions && reader.BaseStream.Position == payload.Length ? model : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }

    /// <summary>At most <see cref="MaxPerClass"/> of <paramref name="texts"/>, evenly spread over them.</summary>
    private static IReadOnlyList<string> Spread(IReadOnlyList<string> texts)
    {
        if (texts.Count <= MaxPerClass) return texts;
        return [.. Enumerable.Range(0, MaxPerClass).Select(i => texts[(int)((long)i * texts.Count / MaxPerClass)])];
    }
}

using System.Numerics.Tensors;
using BotHost.Knowledge.Semantics;

namespace BotHost.Knowledge.Search;

/// <summary>
/// The semantic side of ranking: at load, the sentence encoder embeds every article's questions (as queries, like a
/// member's message), its title with its summary, each section and each section's heading alone (as documents), and the everyday examples the bot
/// should decline (off-topic.yaml and examples/everyday*.tsv, as queries). Vectors come from the process's on-disk cache
/// keyed by model and text, so a reload embeds only what changed. A question is then compared with all of them: each
/// article's best cosine (over all its texts, over its questions, over its title, summary and sections), the mean of
/// its few best, its cosine with the centroid of its questions, each section's, the best everyday example's and the
/// mean of the nearest few everyday examples'. The fused ranking orders articles by the best cosine; the others are
/// features of the <see cref="Reranker"/>.
/// </summary>
internal sealed class SemanticIndex
{
    /// <summary>The owner of an everyday example's vector.</summary>
    private const int Everyday = -1;

    /// <summary>
    /// How many of the nearest everyday examples <see cref="SemanticScores.EverydayNeighbours"/> averages: one example
    /// close by chance (a shared word, a short greeting) moves it less than the best one alone.
    /// </summary>
    public const int EverydayNeighbourCount = 3;

    /// <summary>Added to a section's number for the vector of its heading alone.</summary>
    private const int Heading = 1 << 20;

    /// <summary>The section number of one of the article's questions (title with summary is -1).</summary>
    private const int Question = -2;

    /// <summary>How many of an article's closest texts <see cref="SemanticScores.TopMeans"/> averages.</summary>
    public const int TopTexts = 3;

    private readonly float[] _vectors;
    private readonly int[] _articles;
    private readonly int[] _sections;
    private readonly int _dimensions;
    private readonly int[] _sectionCounts;

    /// <summary>
    /// Each article's question centroid, the unit-length mean of its questions' vectors (zeros without questions): one
    /// stray question close to a member's words moves it little, where it decides the article's best cosine.
    /// </summary>
    private readonly float[] _centroids;

    private SemanticIndex(float[] vectors, int[] articles, int[] sections, int dimensions, int[] sectionCounts)
    {
        _centroids = new float[sectionCounts.Length * dimensions];
        for (var i = 0; i < articles.Length; i++)
        {
            if (articles[i] < 0 || sections[i] != Question) continue;
            var centroid = _centroids.AsSpan(articles[i] * dimensions, dimensions);
            TensorPrimitives.Add(centroid, vectors.AsSpan(i * dimensions, dimensions), centroid);
        }

        for (var a = 0; a < sectionCounts.Length; a++)
        {
            var centroid = _centroids.AsSpan(a * dimensions, dimensions);
            var norm = TensorPrimitives.Norm(centroid);
            if (norm > 0) TensorPrimitives.Divide(centroid, norm, centroid);
        }

        _vectors = vectors;
        _articles = articles;
        _sections = sections;
        _dimensions = dimensions;
        _sectionCounts = sectionCounts;
    }

    /// <summary>Number of texts embedded.</summary>
    public int Count => _articles.Length;

    public static SemanticIndex Build(KnowledgeSnapshot snapshot, KnowledgeEmbedder embedder, IReadOnlyList<string> everyday)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(embedder);
        var queries = new List<(string Text, int Article, int Section)>();
        var documents = new List<(string Text, int Article, int Section)>();
        for (var a = 0; a < snapshot.Articles.Count; a++)
        {
            var article = snapshot.Articles[a];
            foreach (var question in article.Questions) queries.Add((question, a, Question));
            documents.Add((article.Title + "\n" + article.Summary, a, -1));
            for (var s = 0; s < article.Sections.Count; s++) documents.Add((article.Sections[s].Heading + "\n" + article.Sections[s].Text, a, s));
            for (var s = 0; s < article.Sections.Count; s++) documents.Add((article.Sections[s].Heading, a, Heading + s));
        }

        foreach (var example in everyday) queries.Add((example, Everyday, -1));
        var queryVectors = embedder.EmbedKnowledge([.. queries.Select(q => q.Text)], EmbeddingKind.Query);
        var documentVectors = embedder.EmbedKnowledge([.. documents.Select(d => d.Text)], EmbeddingKind.Document);
        var dimensions = embedder.Encoder.Dimensions;
        var all = queries.Concat(documents).ToList();
        var vectors = new float[all.Count * dimensions];
        var i = 0;
        foreach (var vector in queryVectors.Concat(documentVectors)) vector.AsSpan().CopyTo(vectors.AsSpan(i++ * dimensions, dimensions));
        return new SemanticIndex(vectors, [.. all.Select(x => x.Article)], [.. all.Select(x => x.Section)], dimensions,
            [.. snapshot.Articles.Select(a => a.Sections.Count)]);
    }

    /// <summary>Compares a question's vector (unit length, same model) with every embedded text.</summary>
    public SemanticScores Score(ReadOnlySpan<float> query)
    {
        if (query.Length != _dimensions) throw new ArgumentException($"a vector of {query.Length} dimensions, the index has {_dimensions}", nameof(query));
        var articles = new double[_sectionCounts.Length];
        Array.Fill(articles, -1.0);
        var sections = new double[_sectionCounts.Length][];
        for (var a = 0; a < sections.Length; a++) sections[a] = new double[_sectionCounts[a]];
        var headings = new double[_sectionCounts.Length][];
        for (var a = 0; a < headings.Length; a++) headings[a] = new double[_sectionCounts[a]];
        var questions = new double[_sectionCounts.Length];
        Array.Fill(questions, -1.0);
        var documents = new double[_sectionCounts.Length];
        Array.Fill(documents, -1.0);
        var top = new double[_sectionCounts.Length * TopTexts];
        Array.Fill(top, -1.0);
        var everyday = -1.0;
        var hasEveryday = false;
        Span<double> nearest = stackalloc double[EverydayNeighbourCount];
        var seen = 0;
        for (var i = 0; i < _articles.Length; i++)
        {
            double cosine = TensorPrimitives.Dot(query, _vectors.AsSpan(i * _dimensions, _dimensions));
            var article = _articles[i];
            if (article == Everyday)
            {
                everyday = Math.Max(everyday, cosine);
                hasEveryday = true;
                KeepNearest(nearest, ref seen, cosine);
                continue;
            }

            if (_sections[i] >= Heading)
            {
                headings[article][_sections[i] - Heading] = cosine;
                continue;
            }

            articles[article] = Math.Max(articles[article], cosine);
            if (_sections[i] == Question) questions[article] = Math.Max(questions[article], cosine);
            else documents[article] = Math.Max(documents[article], cosine);
            KeepTop(top.AsSpan(article * TopTexts, TopTexts), cosine);
            if (_sections[i] >= 0) sections[article][_sections[i]] = cosine;
        }

        var means = new double[_sectionCounts.Length];
        for (var a = 0; a < means.Length; a++)
        {
            var (sum, count) = (0.0, 0);
            foreach (var c in top.AsSpan(a * TopTexts, TopTexts))
            {
                if (c <= -1) continue;
                sum += c;
                count++;
            }

            means[a] = count == 0 ? -1 : sum / count;
        }

        var centroids = new double[_sectionCounts.Length];
        for (var a = 0; a < centroids.Length; a++) centroids[a] = TensorPrimitives.Dot(query, _centroids.AsSpan(a * _dimensions, _dimensions));

        var neighbours = 0.0;
        for (var n = 0; n < seen; n++) neighbours += nearest[n];
        return new SemanticScores(articles, sections, Math.Max(0, everyday), hasEveryday)
        {
            Headings = headings,
            EverydayNeighbours = seen == 0 ? 0 : Math.Max(0, neighbours / seen),
            Questions = questions,
            Documents = documents,
            TopMeans = means,
            Centroids = centroids,
        };
    }

    /// <summary>Keeps the largest cosines seen so far in <paramref name="top"/>, largest first (unfilled places hold -1).</summary>
    private static void KeepTop(Span<double> top, double cosine)
    {
        if (cosine <= top[^1]) return;
        var at = top.Length - 1;
        while (at > 0 && top[at - 1] < cosine)
        {
            top[at] = top[at - 1];
            at--;
        }

        top[at] = cosine;
    }

    /// <summary>Keeps the largest cosines seen so far in <paramref name="nearest"/>, largest first (<paramref name="seen"/> of them filled).</summary>
    private static void KeepNearest(Span<double> nearest, ref int seen, double cosine)
    {
        if (seen < nearest.Length) seen++;
        else if (cosine <= nearest[^1]) return;
        var at = seen - 1;
        while (at > 0 && nearest[at - 1] < cosine)
        {
            nearest[at] = nearest[at - 1];
            at--;
        }

        nearest[at] = cosine;
    }
}

/// <summary>How close a question is to each article (its best question, title and summary, or section), to each section, and to the nearest everyday example.</summary>
/// <param name="HasEveryday">
/// Whether the knowledge base has everyday examples at all; without them the margin over the nearest one means nothing
/// (every question would look far from everyday talk), so confidence falls back to the model without semantic features.
/// </param>
internal sealed record SemanticScores(double[] Articles, double[][] Sections, double Everyday, bool HasEveryday = true)
{
    /// <summary>How close the question is to each section's heading alone.</summary>
    public double[][]? Headings { get; init; }

    /// <summary>The mean cosine of the <see cref="SemanticIndex.EverydayNeighbourCount"/> nearest everyday examples (0 without any).</summary>
    public double EverydayNeighbours { get; init; }

    /// <summary>Each article's best cosine with one of its questions (-1 when it has none).</summary>
    public double[]? Questions { get; init; }

    /// <summary>Each article's best cosine with its title and summary or one of its sections.</summary>
    public double[]? Documents { get; init; }

    /// <summary>The mean of each article's <see cref="SemanticIndex.TopTexts"/> best cosines over all its texts.</summary>
    public double[]? TopMeans { get; init; }

    /// <summary>Each article's cosine with the centroid of its questions (0 when it has none).</summary>
    public double[]? Centroids { get; init; }
}

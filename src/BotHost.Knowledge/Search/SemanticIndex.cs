using System.Buffers;
using System.Numerics.Tensors;
using BotHost.Knowledge.Safety;
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
/// <para>
/// Cost: a message is compared with the everyday examples at once, and with the articles only as the ranking asks.
/// The articles nearest by best cosine (<see cref="SemanticScores.Nearest"/>) are an exact top-k found in two passes:
/// one over a 16-bit copy of the texts that count towards the best cosine (half the float vectors' memory, which one
/// pass over ten thousand articles' texts is bound by; an 8-bit copy's bounds were too wide to leave out many articles),
/// giving each article bounds its best cosine provably lies within, then the float cosines of the articles whose upper bound reaches the k-th best lower bound. The features of
/// an article (<see cref="SemanticScores.Of"/>) are computed from its own float vectors when first asked for, so a
/// message costs no per-article arrays beyond the few dozen candidates the ranking reads.
/// </para>
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

    /// <summary>How many of an article's closest texts <see cref="ArticleCosines.TopMean"/> averages.</summary>
    public const int TopTexts = 3;

    /// <summary>
    /// Added to the 16-bit pass's error bound for the rounding of float arithmetic (a float dot product of 384 unit-length
    /// terms is off by well under 1e-5), so the bounds hold for the cosines as computed, not only as exact numbers.
    /// </summary>
    private const double RoundingSlack = 1e-4;

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

    /// <summary>The texts of article a are <c>_articleTexts[_articleStarts[a].._articleStarts[a + 1]]</c>, in build order.</summary>
    private readonly int[] _articleStarts;

    private readonly int[] _articleTexts;

    /// <summary>The everyday examples' texts, in build order.</summary>
    private readonly int[] _everydayTexts;

    /// <summary>
    /// The 16-bit copy of the texts an article's best cosine is taken over (its questions, title with summary and
    /// sections; not headings), each row scaled by its largest component (<see cref="Int16Vectors.Quantize"/>).
    /// </summary>
    private readonly short[] _scanVectors;

    /// <summary>The largest magnitude of a component of <see cref="_scanVectors"/> (<see cref="Int16Vectors.Levels"/>).</summary>
    private readonly int _levels;

    private readonly int[] _scanArticles;
    private readonly float[] _scanScales;

    /// <summary>Each scan row's length, and the length of its rounding error (the float vector minus the scaled row).</summary>
    private readonly float[] _scanNorms;

    private readonly float[] _scanErrors;

    /// <summary>
    /// A softmax regression from a question's vector to the article whose questions it reads like (one class per
    /// article, trained on the articles' questions); null with more than <see cref="MaxClassifierArticles"/> articles.
    /// </summary>
    private readonly SoftmaxRegression? _classifier;

    /// <summary>
    /// The article classifier is trained only up to this many articles: its fit costs a pass over every question for
    /// every article per iteration, so a knowledge base of thousands of generated articles would load for minutes.
    /// </summary>
    public const int MaxClassifierArticles = 256;

    private SemanticIndex(float[] vectors, int[] articles, int[] sections, int dimensions, int[] sectionCounts, bool classifier)
    {
        _classifier = classifier ? TrainClassifier(vectors, articles, sections, dimensions, sectionCounts.Length) : null;
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

        _articleStarts = new int[sectionCounts.Length + 1];
        var everyday = 0;
        var scanned = 0;
        for (var i = 0; i < articles.Length; i++)
        {
            if (articles[i] == Everyday)
            {
                everyday++;
                continue;
            }

            _articleStarts[articles[i] + 1]++;
            if (sections[i] < Heading) scanned++;
        }

        for (var a = 0; a < sectionCounts.Length; a++) _articleStarts[a + 1] += _articleStarts[a];
        _articleTexts = new int[_articleStarts[^1]];
        _everydayTexts = new int[everyday];
        var next = _articleStarts[..^1];
        everyday = 0;
        _levels = Int16Vectors.Levels(dimensions);
        _scanVectors = new short[scanned * dimensions];
        _scanArticles = new int[scanned];
        _scanScales = new float[scanned];
        _scanNorms = new float[scanned];
        _scanErrors = new float[scanned];
        var row = 0;
        for (var i = 0; i < articles.Length; i++)
        {
            if (articles[i] == Everyday)
            {
                _everydayTexts[everyday++] = i;
                continue;
            }

            _articleTexts[next[articles[i]]++] = i;
            if (sections[i] >= Heading) continue;
            var vector = vectors.AsSpan(i * dimensions, dimensions);
            (_scanScales[row], var error) = Int16Vectors.Quantize(vector, _scanVectors.AsSpan(row * dimensions, dimensions), _levels);

            // kept as floats rounded up, so the bound stays a bound
            _scanErrors[row] = MathF.BitIncrement((float)error);
            _scanNorms[row] = MathF.BitIncrement((float)Int16Vectors.Norm(vector));
            _scanArticles[row++] = articles[i];
        }
    }

    private static SoftmaxRegression? TrainClassifier(float[] vectors, int[] articles, int[] sections, int dimensions, int articleCount)
    {
        if (articleCount < 2 || articleCount > MaxClassifierArticles) return null;
        var (x, y) = (new List<float[]>(), new List<int>());
        for (var i = 0; i < articles.Length; i++)
        {
            if (articles[i] < 0 || sections[i] != Question) continue;
            x.Add(vectors.AsSpan(i * dimensions, dimensions).ToArray());
            y.Add(articles[i]);
        }

        return y.Distinct().Count() < 2 ? null : SoftmaxRegression.Train(x, y, articleCount);
    }

    /// <summary>The log-probability of each article by the article classifier for a question's vector; null without one.</summary>
    internal double[]? Classify(ReadOnlySpan<float> query)
    {
        if (_classifier is null) return null;
        Span<float> probabilities = stackalloc float[_classifier.Classes];
        _classifier.Predict(query, probabilities);
        var logs = new double[probabilities.Length];
        for (var a = 0; a < logs.Length; a++) logs[a] = Math.Log(Math.Max(probabilities[a], 1e-9f));
        return logs;
    }

    /// <summary>Number of texts embedded.</summary>
    public int Count => _articles.Length;

    /// <summary>Number of articles.</summary>
    public int ArticleCount => _sectionCounts.Length;

    /// <summary>The float vectors of every text, one after another in build order (for tests that compare rankings).</summary>
    internal ReadOnlySpan<float> Vectors => _vectors;

    /// <summary>Each text's article (-1 for an everyday example), in build order.</summary>
    internal ReadOnlySpan<int> Owners => _articles;

    /// <summary>Each text's place in its article: -2 a question, -1 the title with the summary, s section s, 2^20 + s its heading.</summary>
    internal ReadOnlySpan<int> Places => _sections;

    /// <summary>Each article's question centroid, one after another.</summary>
    internal ReadOnlySpan<float> QuestionCentroids => _centroids;

    /// <param name="classifier">Whether to train the article classifier (<see cref="SearchFeatures.ArticleClassifier"/>).</param>
    public static SemanticIndex Build(KnowledgeSnapshot snapshot, KnowledgeEmbedder embedder, IReadOnlyList<string> everyday, bool classifier = true)
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
            [.. snapshot.Articles.Select(a => a.Sections.Count)], classifier);
    }

    /// <summary>
    /// Compares a question's vector (unit length, same model) with the everyday examples; its cosines with the
    /// articles' texts are computed as the ranking asks for them.
    /// </summary>
    public SemanticScores Score(ReadOnlySpan<float> query)
    {
        if (query.Length != _dimensions) throw new ArgumentException($"a vector of {query.Length} dimensions, the index has {_dimensions}", nameof(query));
        var everyday = -1.0;
        Span<double> nearest = stackalloc double[EverydayNeighbourCount];
        var seen = 0;
        foreach (var i in _everydayTexts)
        {
            double cosine = TensorPrimitives.Dot(query, _vectors.AsSpan(i * _dimensions, _dimensions));
            everyday = Math.Max(everyday, cosine);
            KeepNearest(nearest, ref seen, cosine);
        }

        var neighbours = 0.0;
        for (var n = 0; n < seen; n++) neighbours += nearest[n];
        return new SemanticScores(this, query.ToArray(), Math.Max(0, everyday), _everydayTexts.Length > 0, seen == 0 ? 0 : Math.Max(0, neighbours / seen));
    }

    /// <summary>The question's cosines with one article's texts, from their float vectors.</summary>
    internal ArticleCosines Article(ReadOnlySpan<float> query, int article)
    {
        var best = -1.0;
        var questions = -1.0;
        var documents = -1.0;
        var sections = new double[_sectionCounts[article]];
        var headings = new double[_sectionCounts[article]];
        Span<double> top = stackalloc double[TopTexts];
        top.Fill(-1.0);
        for (var t = _articleStarts[article]; t < _articleStarts[article + 1]; t++)
        {
            var i = _articleTexts[t];
            double cosine = TensorPrimitives.Dot(query, _vectors.AsSpan(i * _dimensions, _dimensions));
            if (_sections[i] >= Heading)
            {
                headings[_sections[i] - Heading] = cosine;
                continue;
            }

            best = Math.Max(best, cosine);
            if (_sections[i] == Question) questions = Math.Max(questions, cosine);
            else documents = Math.Max(documents, cosine);
            KeepTop(top, cosine);
            if (_sections[i] >= 0) sections[_sections[i]] = cosine;
        }

        var (sum, count) = (0.0, 0);
        foreach (var c in top)
        {
            if (c <= -1) continue;
            sum += c;
            count++;
        }

        double centroid = TensorPrimitives.Dot(query, _centroids.AsSpan(article * _dimensions, _dimensions));
        return new ArticleCosines(best, questions, documents, count == 0 ? -1 : sum / count, centroid, sections, headings);
    }

    /// <summary>
    /// The <paramref name="count"/> articles <paramref name="include"/> accepts with the highest best cosine (ties: lower
    /// article first), best first: exactly those a float comparison with every text would give. A 16-bit pass bounds each
    /// article's best cosine from above and below (<see cref="Int16Vectors"/>); only articles whose upper bound reaches
    /// the count-th highest lower bound can be among them, and those are compared in float through <paramref name="scores"/>.
    /// </summary>
    internal List<int> Nearest(SemanticScores scores, ReadOnlySpan<float> query, Func<int, bool> include, int count)
    {
        var articles = _sectionCounts.Length;
        if (count <= 0 || articles == 0) return [];
        var upper = ArrayPool<double>.Shared.Rent(articles);
        var lower = ArrayPool<double>.Shared.Rent(articles);
        var quantized = ArrayPool<short>.Shared.Rent(_dimensions);
        try
        {
            upper.AsSpan(0, articles).Fill(double.NegativeInfinity);
            lower.AsSpan(0, articles).Fill(double.NegativeInfinity);
            var q = quantized.AsSpan(0, _dimensions);
            var (queryScale, queryError) = Int16Vectors.Quantize(query, q, _levels);
            var queryNorm = queryScale * Int16Vectors.Norm(q);
            for (var r = 0; r < _scanArticles.Length; r++)
            {
                var approximate = (double)Int16Vectors.Dot(q, _scanVectors.AsSpan(r * _dimensions, _dimensions)) * queryScale * _scanScales[r];

                // |q.v - sq q'.sv v'| <= |(q - sq q').v| + |sq q'.(v - sv v')| <= |q - sq q'| |v| + |sq q'| |v - sv v'|
                var bound = (queryError * _scanNorms[r]) + (queryNorm * _scanErrors[r]) + RoundingSlack;
                var a = _scanArticles[r];
                upper[a] = Math.Max(upper[a], approximate + bound);
                lower[a] = Math.Max(lower[a], approximate - bound);
            }

            // The count-th highest lower bound among the included articles (a min-heap of the highest seen); an article
            // left out gets no upper bound (NaN), so it is never a candidate.
            Span<double> highest = count <= 64 ? stackalloc double[count] : new double[count];
            var kept = 0;
            for (var a = 0; a < articles; a++)
            {
                if (!include(a))
                {
                    upper[a] = double.NaN;
                    continue;
                }

                if (kept < count)
                {
                    highest[kept++] = lower[a];
                    if (kept == count) MinHeap.Heapify(highest);
                }
                else if (lower[a] > highest[0])
                {
                    highest[0] = lower[a];
                    MinHeap.SiftDown(highest, 0);
                }
            }

            var threshold = kept < count ? double.NegativeInfinity : highest[0];
            var candidates = new List<(int Article, double Best)>();
            for (var a = 0; a < articles; a++)
            {
                if (upper[a] >= threshold) candidates.Add((a, scores.Of(a).Best));
            }

            candidates.Sort((x, y) => x.Best != y.Best ? y.Best.CompareTo(x.Best) : x.Article.CompareTo(y.Article));
            var nearest = new List<int>(Math.Min(count, candidates.Count));
            for (var c = 0; c < candidates.Count && c < count; c++) nearest.Add(candidates[c].Article);
            LastCandidates = candidates.Count;
            return nearest;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(upper);
            ArrayPool<double>.Shared.Return(lower);
            ArrayPool<short>.Shared.Return(quantized);
        }
    }

    /// <summary>How many articles the last <see cref="Nearest"/> compared in float (for the benchmark; not synchronised).</summary>
    internal int LastCandidates { get; private set; }

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

/// <summary>
/// How close one question is to the everyday examples, and (computed when first asked for) to each article and its
/// sections. One per question, used by one thread.
/// </summary>
internal sealed class SemanticScores
{
    private readonly SemanticIndex _index;
    private readonly float[] _query;
    private readonly Dictionary<int, ArticleCosines> _articles = [];
    private double[]? _classes;
    private bool _classified;

    /// <param name="hasEveryday">
    /// Whether the knowledge base has everyday examples at all; without them the margin over the nearest one means nothing
    /// (every question would look far from everyday talk), so confidence falls back to the model without semantic features.
    /// </param>
    internal SemanticScores(SemanticIndex index, float[] query, double everyday, bool hasEveryday, double everydayNeighbours)
    {
        _index = index;
        _query = query;
        Everyday = everyday;
        HasEveryday = hasEveryday;
        EverydayNeighbours = everydayNeighbours;
    }

    /// <summary>The best cosine with an everyday example (0 when none is closer).</summary>
    public double Everyday { get; }

    public bool HasEveryday { get; }

    /// <summary>The mean cosine of the <see cref="SemanticIndex.EverydayNeighbourCount"/> nearest everyday examples (0 without any).</summary>
    public double EverydayNeighbours { get; }

    /// <summary>The question's cosines with one article's texts (computed once per article and question).</summary>
    public ArticleCosines Of(int article)
    {
        if (_articles.TryGetValue(article, out var cosines)) return cosines;
        if (!_classified) (_classes, _classified) = (_index.Classify(_query), true);
        cosines = _index.Article(_query, article);
        if (_classes is not null) cosines = cosines with { ClassLogProbability = _classes[article] };
        return _articles[article] = cosines;
    }

    /// <summary>The <paramref name="count"/> articles <paramref name="include"/> accepts with the highest best cosine (ties: lower article first), best first.</summary>
    public List<int> Nearest(Func<int, bool> include, int count) => _index.Nearest(this, _query, include, count);
}

/// <summary>How close a question is to one article's texts.</summary>
/// <param name="Best">The best cosine over its questions, title with summary and sections (-1 when it has none).</param>
/// <param name="Question">The best cosine with one of its questions (-1 when it has none).</param>
/// <param name="Document">The best cosine with its title and summary or one of its sections.</param>
/// <param name="TopMean">The mean of its <see cref="SemanticIndex.TopTexts"/> best cosines over those texts.</param>
/// <param name="Centroid">The cosine with the centroid of its questions (0 when it has none).</param>
/// <param name="Sections">Each section's cosine (heading with text).</param>
/// <param name="Headings">Each section heading's cosine alone.</param>
internal sealed record ArticleCosines(double Best, double Question, double Document, double TopMean, double Centroid, double[] Sections, double[] Headings)
{
    /// <summary>The article classifier's log-probability that the question is one of this article's (0 without the classifier).</summary>
    public double ClassLogProbability { get; init; }
}

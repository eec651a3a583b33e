using System.Numerics.Tensors;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// One learned refusal score over everything the refusal detector knows of a message at once: its sentence vector, its
/// words, pairs of words and opening (<see cref="StanceClassifier.TermsOf"/>), and how close it is to the training rows of
/// each kind (the requests, the protective questions, everything else: <see cref="Neighbourhood"/>). A logistic
/// regression trained on the requests to refuse against every other row (protective questions and article questions,
/// everyday, normal and urgent messages), a protective question's mistakes costing <see cref="Settings.ProtectiveWeight"/>
/// times an everyday message's: a parent's or moderator's question refused is the worse error. Where the kernel machine's
/// score and the stance were two thresholds ANDed, this weighs them together, so a message far into the requests'
/// wording is refused even when its vector sits between them, and the other way round. Deterministic: zeros to start,
/// full-batch Adam with an L2 penalty.
/// </summary>
internal sealed class RefusalModel
{
    /// <summary>How many neighbourhood features <see cref="Neighbourhood"/> computes.</summary>
    public const int NeighbourFeatures = 8;

    /// <summary>How many nearest rows of one kind <see cref="Neighbourhood"/> averages.</summary>
    private const int Nearest = 5;

    /// <summary>How many nearest rows vote in <see cref="Neighbourhood"/>, and the softmax temperature of their votes.</summary>
    private const int Voters = 10;

    private const float VoteTemperature = 0.05f;

    /// <summary>Above this cosine a training row counts as the same message as another (a repeated row is not its own neighbour).</summary>
    private const float SameMessage = 0.995f;

    private readonly Dictionary<string, float> _weights;
    private readonly float[] _vectorWeights;
    private readonly float[] _neighbourWeights;
    private readonly float _bias;
    private readonly Settings _settings;
    private Func<string, bool>? _cue;
    private float[] _references = [];
    private int[] _labels = [];

    private RefusalModel(Settings settings, Dictionary<string, float> weights, float[] vectorWeights, float[] neighbourWeights, float bias)
    {
        _settings = settings;
        _weights = weights;
        _vectorWeights = vectorWeights;
        _neighbourWeights = neighbourWeights;
        _bias = bias;
    }

    /// <summary>
    /// Settings of the trainings: which features it reads (<paramref name="Vector"/>, <paramref name="Words"/>,
    /// <paramref name="Neighbours"/>, <paramref name="Characters"/>: character 3- and 4-grams of each word, which survive
    /// typos and leet spellings), how much more a protective row's mistakes cost than an everyday row's, and the optimiser's.
    /// </summary>
    /// <param name="Scores">Whether it reads the other refusal scores of the message (<see cref="ScoreFeatures"/>: the kernel
    /// machine's and the stance's, cross-validated for the training rows), so that it learns how to weigh them together.</param>
    /// <param name="Classes">Whether it reads the message's word classes (<see cref="AskerWords"/>: who acts on whom, a minor's
    /// age) and whether it is terse, as a few dense inputs (<see cref="ClassFeatures"/>), not only through the stance.</param>
    /// <param name="Cue">Whether it reads the protective cue of refusal.yaml (<see cref="RefusalRules.HasProtectiveCue"/>: a
    /// rule's <c>none:</c> phrase), alone and with the stance (<see cref="WithCue"/> gives it the rules). Needs <paramref name="Scores"/>.</param>
    /// <param name="Margin">Whether it reads the stance's margin: its log-odds weighed by the kernel machine's score (the stance
    /// counts where the topic is the requests') and how sure it is either way. Needs <paramref name="Scores"/>.</param>
    /// <param name="TerseWeight">How much a terse row (at most <see cref="TerseWords"/> words) weighs beside a longer row of its
    /// kind, each kind's total kept: a short row carries little of the asker's stance, and its mistakes are the ones the
    /// longer rows' wording does not teach.</param>
    /// <param name="KernelShare">When above 0, nothing is learned: the score is a fixed average of the scores' log-odds, the kernel
    /// machine's weighing this, each further view's <paramref name="ViewShare"/> and the stance's the rest (<see cref="Fixed"/>).
    /// Needs <paramref name="Scores"/> and no other input.</param>
    /// <param name="ViewShare">The weight of each further view's log-odds in the fixed average (<paramref name="KernelShare"/>).</param>
    public sealed record Settings(bool Vector = true, bool Words = true, bool Neighbours = true, bool Characters = false, bool Scores = false, float ProtectiveWeight = 4f,
        float L2 = 1e-3f, int Iterations = 300, float LearningRate = 0.05f, bool Classes = false, bool Cue = false, bool Margin = false, float TerseWeight = 1f,
        int Views = 0, float KernelShare = 0f, float ViewShare = 0f)
    {
        /// <summary>
        /// Whether the score is a fixed average of the other scores' log-odds (<see cref="KernelShare"/>): no training, so no
        /// cross-validated scores of the training rows are needed to fit it.
        /// </summary>
        public bool Fixed => KernelShare > 0;

        /// <summary>Whether fitting the model needs every training row's cross-validated scores (<see cref="OutOfFoldScores"/>): it reads them and learns from them.</summary>
        public bool LearnsFromScores => Scores && !Fixed;

        /// <summary>The stance's weight in the fixed average: what the kernel machine and the views leave.</summary>
        public float StanceShare => Math.Max(0f, 1f - KernelShare - (Views * ViewShare));

        public string Name => Fixed
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"fixed average of the log-odds, kernel {KernelShare:0.###}, stance {StanceShare:0.###}{(Views > 0 ? $", {Views} views {ViewShare:0.###} each" : string.Empty)}")
            : string.Join('+', new[]
            {
                Scores ? "scores" : null, Views > 0 ? $"{Views} views" : null, Margin ? "margin" : null, Cue ? "cue" : null, Classes ? "classes" : null, Vector ? "vector" : null, Words ? "words" : null,
                Characters ? "chars" : null, Neighbours ? "neighbours" : null,
            }
            .Where(n => n is not null)) + string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $", protective x{ProtectiveWeight:0.#}, L2 {L2:0.####}{(TerseWeight == 1 ? string.Empty : $", terse rows x{TerseWeight:0.#}")}");
    }

    /// <summary>A message of at most this many words (as <see cref="SafetyText"/> reads them) is terse.</summary>
    public const int TerseWords = 5;

    /// <summary>The most further views of the message (<see cref="Settings.Views"/>) a model reads.</summary>
    public const int MaxViews = 4;

    /// <summary>How many features <see cref="ScoreFeatures"/> makes of the kernel machine's and the stance's scores.</summary>
    public const int ScoreFeatureCount = 3;

    /// <summary>
    /// The other refusal scores as features: the kernel machine's and the stance's log-odds (each clipped to ±8) and their
    /// product as probabilities (both high: the AND the two thresholds were), then the log-odds of each further view of
    /// the message (<see cref="Settings.Views"/>).
    /// </summary>
    public static float[] ScoreFeatures(double kernel, double stance, params ReadOnlySpan<double> views)
    {
        var features = new float[ScoreFeatureCount + views.Length];
        features[0] = Logit(kernel) / 4f;
        features[1] = Logit(stance) / 4f;
        features[2] = (float)(kernel * stance);
        for (var v = 0; v < views.Length; v++) features[ScoreFeatureCount + v] = Logit(views[v]) / 4f;
        return features;
    }

    /// <summary>The word classes <see cref="ClassFeatures"/> reads, each as present or not.</summary>
    private static readonly string[] ClassNames =
        [.. new[] { "self", "mine", "other", "minor", "kin", "acquire", "persuade", "meet", "hide", "protect", "ask", "age-minor", "age-adult", "actor-on-minor" }
            .Select(c => AskerWords.Marker + c)];

    /// <summary>How many inputs <see cref="ClassFeatures"/> gives.</summary>
    public const int ClassFeatureCount = 15;

    /// <summary>
    /// The message's word classes as inputs: per class of <see cref="AskerWords"/> (and the asker acting on a minor) 1 when a
    /// word of it is there, and 1 when the message is terse (at most <see cref="TerseWords"/> words).
    /// </summary>
    internal static float[] ClassFeatures(string text)
    {
        var words = SafetyText.Read(text).Words;
        var present = AskerWords.TermsOf(words).ToHashSet(StringComparer.Ordinal);
        var features = new float[ClassFeatureCount];
        for (var c = 0; c < ClassNames.Length; c++) features[c] = present.Contains(ClassNames[c]) ? 1 : 0;
        features[^1] = words.Count <= TerseWords ? 1 : 0;
        return features;
    }

    private static float Logit(double p)
    {
        var clipped = Math.Clamp(p, 1e-4, 1 - 1e-4);
        return (float)Math.Clamp(Math.Log(clipped / (1 - clipped)), -8, 8);
    }

    /// <summary>Row labels as <see cref="SemanticTraining.RefusalLabels"/> gives them: 1 a request, 2 a protective question, 0 anything else.</summary>
    public const int Request = 1;

    public const int Protective = 2;

    /// <summary>Word features the model weighs (non-zero weight).</summary>
    public int Terms => _weights.Count;

    public int Dimensions => _vectorWeights.Length;

    /// <summary>
    /// Fits the model to <paramref name="rows"/> of the training: their vectors, texts and labels (1 request, 2 protective,
    /// 0 other); each row's neighbourhood is the other chosen rows. <paramref name="dot"/> gives the cosine of two rows
    /// (a shared Gram matrix in a cross-validation).
    /// </summary>
    /// <param name="scores">Per row of the training (when the settings read <see cref="Settings.Scores"/>): its <see cref="ScoreFeatures"/>.</param>
    /// <param name="cue">The protective cue of refusal.yaml, when the settings read it (<see cref="Settings.Cue"/>).</param>
    public static RefusalModel? Train(IReadOnlyList<float[]> vectors, IReadOnlyList<string> texts, IReadOnlyList<int> labels, IReadOnlyList<int> rows,
        Func<int, int, float> dot, Settings settings, IReadOnlyList<float[]>? scores = null, Func<string, bool>? cue = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(dot);
        ArgumentNullException.ThrowIfNull(settings);
        var n = rows.Count;
        var requests = rows.Count(r => labels[r] == Request);
        var protective = rows.Count(r => labels[r] == Protective);
        if (requests == 0 || requests == n) return null;
        var d = vectors[rows[0]].Length;
        if (settings.Fixed) return Average(settings, d);

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var sparse = new (int[] Ids, float Value)[n];
        var neighbours = new float[n][];
        var similarities = new float[n];
        var rowLabels = rows.Select(r => labels[r]).ToArray();
        if (settings.Scores && scores is null) throw new ArgumentException("the settings read the other scores: give each row's", nameof(scores));
        if ((settings.Cue || settings.Margin) && !settings.Scores) throw new ArgumentException("the cue and the margin are read with the scores", nameof(settings));
        if (settings.Cue && cue is null) throw new ArgumentException("the settings read the protective cue: give it", nameof(cue));
        for (var i = 0; i < n; i++)
        {
            neighbours[i] = [];
            var terms = TermsOf(texts[rows[i]], settings);
            var rowIds = new int[terms.Count];
            for (var t = 0; t < terms.Count; t++)
            {
                if (!ids.TryGetValue(terms[t], out var id)) ids[terms[t]] = id = ids.Count;
                rowIds[t] = id;
            }

            sparse[i] = (rowIds, terms.Count == 0 ? 0 : 1f / MathF.Sqrt(terms.Count));
            if (settings.Neighbours)
            {
                for (var j = 0; j < n; j++) similarities[j] = j == i ? float.NaN : dot(rows[i], rows[j]);
                neighbours[i] = Neighbourhood(similarities, rowLabels, excludeAbove: SameMessage);
            }

            neighbours[i] = [.. Dense(texts[rows[i]], settings, settings.Scores ? scores![rows[i]] : default, cue), .. neighbours[i]];
        }

        // The requests weigh as much in total as everything else; among the rest a protective row weighs ProtectiveWeight
        // times an everyday one.
        var others = n - requests - protective;
        var otherWeight = 0.5f / Math.Max(1f, others + (settings.ProtectiveWeight * protective));
        var sampleWeight = rowLabels.Select(l => l == Request ? 0.5f / requests : l == Protective ? settings.ProtectiveWeight * otherWeight : otherWeight).ToArray();
        if (settings.TerseWeight != 1) WeighTerse(sampleWeight, [.. rows.Select(r => texts[r])], rowLabels, settings.TerseWeight);

        var w = new float[ids.Count];
        var v = new float[settings.Vector ? d : 0];
        var u = new float[DenseCount(settings)];
        var b = 0f;
        var gw = new float[w.Length];
        var gv = new float[v.Length];
        var gu = new float[u.Length];
        var adamW = new Adam(w.Length);
        var adamV = new Adam(v.Length);
        var adamU = new Adam(u.Length);
        var adamB = new Adam(1);
        var bias = new float[1];
        var gb = new float[1];
        for (var step = 1; step <= settings.Iterations; step++)
        {
            Array.Clear(gw);
            Array.Clear(gv);
            Array.Clear(gu);
            gb[0] = 0;
            for (var i = 0; i < n; i++)
            {
                var (rowIds, value) = sparse[i];
                var z = b;
                if (settings.Vector) z += TensorPrimitives.Dot(v, vectors[rows[i]]);
                if (u.Length > 0) z += TensorPrimitives.Dot(u, neighbours[i]);
                foreach (var id in rowIds) z += w[id] * value;
                var error = (Sigmoid(z) - (rowLabels[i] == Request ? 1f : 0f)) * sampleWeight[i];
                foreach (var id in rowIds) gw[id] += error * value;
                if (settings.Vector) TensorPrimitives.MultiplyAdd(vectors[rows[i]], error, gv, gv);
                if (u.Length > 0) TensorPrimitives.MultiplyAdd(neighbours[i], error, gu, gu);
                gb[0] += error;
            }

            TensorPrimitives.MultiplyAdd(w, settings.L2, gw, gw);
            TensorPrimitives.MultiplyAdd(v, settings.L2, gv, gv);
            TensorPrimitives.MultiplyAdd(u, settings.L2, gu, gu);
            adamW.Step(w, gw, settings.LearningRate, step);
            adamV.Step(v, gv, settings.LearningRate, step);
            adamU.Step(u, gu, settings.LearningRate, step);
            bias[0] = b;
            adamB.Step(bias, gb, settings.LearningRate, step);
            b = bias[0];
        }

        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var (term, id) in ids)
        {
            if (w[id] != 0) weights[term] = w[id];
        }

        var model = new RefusalModel(settings, weights, settings.Vector ? v : new float[d], u, b) { _cue = cue };
        return model.WithReferences(vectors, labels, rows);
    }

    /// <summary>The fixed average of <paramref name="settings"/> (<see cref="Settings.Fixed"/>) as a model: its weights set, none learned.</summary>
    private static RefusalModel Average(Settings settings, int dimensions)
    {
        if (!settings.Scores || settings.Vector || settings.Words || settings.Characters || settings.Neighbours || settings.Classes || settings.Cue || settings.Margin)
        {
            throw new ArgumentException("a fixed average reads the scores and nothing else", nameof(settings));
        }

        if (settings.KernelShare + (settings.Views * settings.ViewShare) > 1.0001f || settings.ViewShare < 0) throw new ArgumentException("the shares of a fixed average are at least 0 and sum to at most 1", nameof(settings));
        // ScoreFeatures holds each score's log-odds divided by 4; the product of the two scores weighs nothing.
        var weights = new float[ScoreFeatureCount + settings.Views];
        weights[0] = 4f * settings.KernelShare;
        weights[1] = 4f * settings.StanceShare;
        for (var v = 0; v < settings.Views; v++) weights[ScoreFeatureCount + v] = 4f * settings.ViewShare;
        return new RefusalModel(settings, new Dictionary<string, float>(StringComparer.Ordinal), new float[dimensions], weights, 0f);
    }

    /// <summary>
    /// The settings the refusal detector uses, chosen with <c>bothost kb eval --refusal knowledge/eval/dev-refusal.tsv
    /// --calibrate</c> (its one-score variants, at most 0.25% of the cross-validated protective rows refused): the kernel
    /// machine's and the stance's scores with the neighbourhood, protective mistakes x4. With the example files of
    /// 2026-12-06, OR-combined with example_threshold: cross-validated requests refused 0.701 (347 of 495), protective
    /// 2 of 1060, others 2 of 3335, dev 47 of 47 and no dev protective question. Over the raw features instead (vector,
    /// words and neighbourhood, one regression) 0.400 at best (L2 0.001; 0.333 and 0.319 at 0.01 and 0.1): the thousands of
    /// word weights overfit the rows and the protective questions nearest the requests score near 1; with the words beside
    /// the scores 0.703 (25056 weights for 0.002 more); the scores alone 0.683; the stance AND the kernel's score (two
    /// thresholds, as before) 0.693 at 0.25% and 0.653 with no protective row refused (0.556 for this model). With
    /// examples/refusal-4.tsv (2026-12-07, written blind) and the stance's word classes (<see cref="AskerWords"/>,
    /// <see cref="SemanticTraining.StanceSettings"/>): 0.690 (493 of 715; 0.669 with the stance of words alone, 0.678 with
    /// its protective mistakes x4 but no classes), protective 4 of 1883, others 3 of 3335, dev 47 of 47 and none of 196;
    /// over that stance the scores without the neighbourhood do better still: 0.750 (536 of 715), protective 4 of 1883,
    /// others 6 of 3335, dev 47 of 47 and none of 196, so the model reads the two scores alone (and costs no pass over
    /// the training rows per message). With examples/refusal-5.tsv (377 terse rows written blind, 2026-12-07) and the
    /// articles' questions of 2026-12-07, over the same stance: 0.744 (649 of 872), protective 6 of 2684, others 5 of 3935,
    /// dev 47 of 47 and none of 196; terse rows (at most <see cref="TerseWords"/> words) weighing twice a longer row of
    /// their kind: 0.747 (651 of 872; 457 against 453 with no protective row refused), the same protective and other
    /// rows, so the model weighs them so. As direct inputs beside the two scores, each did worse on the same run: the word
    /// classes 0.718, refusal.yaml's protective cue 0.731, the stance's margin 0.726 (5 of 2684 protective), all three
    /// 0.689 (0.700 with terse rows x2): the threshold is set by the few protective rows that read most like requests,
    /// and more inputs fit the rest of the rows, not those.
    /// </summary>
    /// <remarks>
    /// Since 2026-12-07 (refusal10) the model also reads a further view (<see cref="Settings.Views"/>): the pair machine's score
    /// (<see cref="SemanticTraining.TrainPair"/>, a kernel machine of the requests against the protective questions alone,
    /// everyday rows left out, over the sentence vectors and the word features), and the kernel machine of everything reads
    /// the word features too (<see cref="SemanticTraining.RefusalSettings"/>). On the example files with examples/refusal-6.tsv
    /// (436 rows written blind by writer11), from the same --calibrate run (its "further views" table, at most 0.25% of the
    /// cross-validated protective rows refused): the two scores alone 0.726 (792 of 1091); the pair machine beside them
    /// 0.757 (826); the kernel machine with word features 0.759 (828); both 0.776 (847 of 1091), protective 7 of 2901,
    /// others 12 of 4612, dev 47 of 47 and none of 196. A fixed average of the three scores' log-odds (kernel 0.5) reached
    /// 0.786, not taken this session (it needs its own scorer and tests). Pair machines of other widths (gamma 1, 4), word
    /// weights (0, 1) and costs (1, 4) did no better (0.723 to 0.757); the cost barely moves them (no row reaches it).
    /// Since 2026-12-07 (refusal11) the score is that fixed average (<see cref="Settings.Fixed"/>), nothing learned, so a
    /// knowledge load no longer fits the five out-of-fold kernel, stance and pair machines the learned score read (about
    /// two thirds of a cold safety training). On the example files and the articles' questions of 2026-12-07 (1091
    /// requests, 3466 protective rows, 5151 others), from <c>--calibrate</c>'s one-score table at most 0.25% of the
    /// cross-validated protective rows refused, OR-combined with example_threshold: the learned score of the three 0.771
    /// (841 of 1091, protective 8, others 11); the fixed averages with the kernel machine's share 0.34 to 0.6 and the pair
    /// machine's 0.15 to 0.4 0.734 to 0.808, more as the stance's share falls (kernel 0.5 and pair 0.25: 0.789); kernel
    /// 0.5, pair 0.4, stance 0.1: 0.808 (882 of 1091), protective 8 of 3466, others 8 of 5151, dev 47 of 47 and none of
    /// 196, at 0.553 (the same without example_threshold). With no protective row refused the learned score did a little
    /// better (0.622 against 0.609). Around it the figure is flat: kernel and pair shares 0.05 either side 0.797 to 0.812;
    /// the pair machine in its place with protective mistakes x2 0.808 (the same machine: no row reaches the cost), words
    /// 1 0.806, gamma 1 0.824 (others 13 of 5151), none 2 points above. Its tail: cross-validated requests from 0.5 973
    /// of 1091, from 0.8 176, from 0.9 9; protective rows 17, 0, 0 of 3466 (the protective rows it scores highest, 0.55
    /// to 0.65, sit among the requests' bulk, not above it).
    /// Since 2026-12-07 (refusal12) the pair machine is of kernel width 1 and reads a second block of word features: the
    /// message's words read as their <see cref="AskerWords"/> classes, one to three in a row (<see cref="TextFeatures.Classes"/>,
    /// <see cref="SemanticTraining.PairClasses"/>), so the stance's wording counts whatever the exact words and ages. The
    /// same --calibrate run (the average in use, kernel 0.5, pair 0.4, stance 0.1, over each pair machine): main's pair
    /// machine (width 2, words alone) 0.808 (882 of 1091) at 0.553; width 1 alone 0.824; the classes alone (width 2) 0.824;
    /// both 0.834 (910 of 1091) at 0.540, protective 8 of 3466, others 13 of 5151, dev 47 of 47 and none of 196. The
    /// weights 0.05 either side: 0.826 to 0.838. Tail: requests from 0.5/0.8/0.9 977/192/10 of 1091, protective 21/0/0.
    /// Measured before, on the same cross-validated scores (not shipped): a one-hidden-layer network over the sentence
    /// vector, the word classes and the stance, and linear models over the class-masked words, each as a fourth score in
    /// the average, lowered the figure (0.65 to 0.79).
    /// </remarks>
    public static Settings InUse { get; } = new(Vector: false, Words: false, Neighbours: false, Scores: true, Views: 1, KernelShare: 0.5f, ViewShare: 0.4f);

    /// <summary>
    /// Multiplies the weight of each terse row (at most <see cref="TerseWords"/> words) by <paramref name="terse"/>, then
    /// scales each kind's rows (requests, protective, others) back to the kind's total.
    /// </summary>
    internal static void WeighTerse(float[] weights, IReadOnlyList<string> texts, IReadOnlyList<int> labels, float terse)
    {
        foreach (var kind in new[] { Request, Protective, 0 })
        {
            float before = 0, after = 0;
            for (var i = 0; i < weights.Length; i++)
            {
                if (KindOf(labels[i]) != kind) continue;
                before += weights[i];
                if (SafetyText.Read(texts[i]).Words.Count <= TerseWords) weights[i] *= terse;
                after += weights[i];
            }

            if (after <= 0) continue;
            for (var i = 0; i < weights.Length; i++)
            {
                if (KindOf(labels[i]) == kind) weights[i] *= before / after;
            }
        }

        static int KindOf(int label) => label is Request or Protective ? label : 0;
    }

    /// <summary>The folds of the cross-validated scores a model that reads them is trained on (as <c>kb eval --calibrate</c>'s).</summary>
    public const int Folds = 5;

    /// <summary>The model fitted to some rows of a training (every row's label from <see cref="SemanticTraining.RefusalLabels"/>); null without a request and another row.</summary>
    /// <param name="shareGram">Read the rows' cosines from the training's Gram matrix (kept for a cross-validation's trainings).</param>
    /// <param name="scores">Per row: its <see cref="ScoreFeatures"/>, cross-validated (<see cref="OutOfFoldScores"/>), when the settings read them.</param>
    /// <param name="cue">The protective cue of refusal.yaml, when the settings read it.</param>
    public static RefusalModel? Train(SemanticTraining training, IEnumerable<int> rows, Settings? settings = null, bool shareGram = false, IReadOnlyList<float[]>? scores = null,
        Func<string, bool>? cue = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(rows);
        var vectors = training.Vectors;
        Func<int, int, float> dot = shareGram ? training.Gram.Dot : (i, j) => TensorPrimitives.Dot(vectors[i], vectors[j]);
        return Train(vectors, [.. training.Rows.Select(r => r.Text)], training.RefusalLabels, [.. rows], dot, settings ?? InUse, scores, cue);
    }

    /// <summary>
    /// Every row's <see cref="ScoreFeatures"/> from a kernel machine and a stance classifier trained without its fold (rows i
    /// with i % folds == f), as a knowledge load fits them (no Gram matrix of all rows); null when a fold has no model.
    /// </summary>
    /// <param name="pair">Also the pair machine's score (<see cref="SemanticTraining.TrainPair"/>), the further view of <see cref="Settings.Views"/>.</param>
    public static float[][]? OutOfFoldScores(SemanticTraining training, int folds, bool pair = false)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var scores = new float[training.Rows.Count][];
        for (var fold = 0; fold < folds; fold++)
        {
            var f = fold;
            var rows = Enumerable.Range(0, training.Rows.Count).Where(i => i % folds != f).ToList();
            if (training.TrainRefusal(rows) is not { } kernel || training.TrainStance(rows) is not { } stance) return null;
            var second = pair ? training.TrainPair(rows) : null;
            if (pair && second is null) return null;
            for (var i = fold; i < training.Rows.Count; i += folds)
            {
                var vector = training.Vectors[i];
                var kernelScore = kernel.Score(vector, kernel.UsesText ? training.Texts[i] : default);
                var stanceScore = stance.Score(training.Rows[i].Text, vector);
                scores[i] = second is null
                    ? ScoreFeatures(kernelScore, stanceScore)
                    : ScoreFeatures(kernelScore, stanceScore, second.Score(vector, second.UsesText ? (SemanticTraining.PairClasses ? training.PairTexts : training.Texts)[i] : default));
            }
        }

        return scores;
    }

    /// <summary>The model of every row (as <see cref="Train(SemanticTraining, IEnumerable{int}, Settings?, bool, IReadOnlyList{float[]}?, Func{string, bool}?)"/> fits it) read back from the cache.</summary>
    public static RefusalModel Restore(SemanticTraining training, RefusalModel model)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(model);
        if (training.Vectors.Count > 0 && training.Vectors[0].Length != model.Dimensions) throw new InvalidDataException("the cached refusal model reads vectors of another size");
        return model.WithReferences(training.Vectors, training.RefusalLabels, [.. Enumerable.Range(0, training.RefusalLabels.Count)]);
    }

    /// <summary>Out-of-fold scores of every row: rows i with i % folds == f are scored by a model trained without them.</summary>
    /// <param name="scores">As for <see cref="Train(SemanticTraining, IEnumerable{int}, Settings?, bool, IReadOnlyList{float[]}?, Func{string, bool}?)"/>: every row's, cross-validated on the same folds.</param>
    public static IReadOnlyList<double?> CrossValidate(SemanticTraining training, int folds, Settings? settings = null, IReadOnlyList<float[]>? scores = null,
        Func<string, bool>? cue = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var result = new double?[training.Rows.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var f = fold;
            if (Train(training, Enumerable.Range(0, training.Rows.Count).Where(i => i % folds != f), settings, shareGram: true, scores, cue) is not { } model) continue;
            for (var i = fold; i < training.Rows.Count; i += folds) result[i] = model.Score(training.Rows[i].Text, training.Vectors[i], scores is null ? default : scores[i]);
        }

        return result;
    }

    /// <summary>The model with the rows whose neighbourhood it reads (the chosen training rows; also after <see cref="Read"/>).</summary>
    public RefusalModel WithReferences(IReadOnlyList<float[]> vectors, IReadOnlyList<int> labels, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        var d = _vectorWeights.Length;
        if (!_settings.Neighbours) return this;
        var matrix = new float[rows.Count * d];
        for (var i = 0; i < rows.Count; i++)
        {
            if (vectors[rows[i]].Length != d) throw new ArgumentException($"expected vectors of {d} numbers", nameof(vectors));
            vectors[rows[i]].CopyTo(matrix, i * d);
        }

        _references = matrix;
        _labels = [.. rows.Select(r => labels[r])];
        return this;
    }

    private static int DenseCount(Settings settings) =>
        (settings.Scores ? ScoreFeatureCount + settings.Views : 0) + (settings.Margin ? 2 : 0) + (settings.Cue ? 2 : 0) + (settings.Classes ? ClassFeatureCount : 0) +
        (settings.Neighbours ? NeighbourFeatures : 0);

    /// <summary>
    /// The dense inputs but the neighbourhood: the other scores (<see cref="ScoreFeatures"/>), the stance's margin (its
    /// log-odds times the kernel machine's score; its log-odds' size), the protective cue (present; times the stance's
    /// log-odds) and the word classes (<see cref="ClassFeatures"/>), as the settings read them.
    /// </summary>
    private static float[] Dense(string text, Settings settings, ReadOnlySpan<float> scores, Func<string, bool>? cue)
    {
        var features = new List<float>(DenseCount(settings));
        if (settings.Scores)
        {
            if (scores.Length != ScoreFeatureCount + settings.Views) throw new ArgumentException($"expected the {ScoreFeatureCount + settings.Views} score features", nameof(scores));
            features.AddRange(scores);
            var stance = scores[1];
            if (settings.Margin)
            {
                var kernel = 1f / (1f + MathF.Exp(-4f * scores[0]));
                features.Add(kernel * stance);
                features.Add(MathF.Abs(stance));
            }

            if (settings.Cue)
            {
                var cued = (cue ?? throw new InvalidOperationException("the model reads the protective cue: give it the refusal rules (WithCue)"))(text) ? 1f : 0f;
                features.Add(cued);
                features.Add(cued * stance);
            }
        }

        if (settings.Classes) features.AddRange(ClassFeatures(text));
        return [.. features];
    }

    /// <summary>How many further views of the message <see cref="Score"/> reads beside the two scores (<see cref="Settings.Views"/>).</summary>
    public int Views => _settings.Views;

    /// <summary>What the model reads and how (<see cref="Settings.Name"/>).</summary>
    public string Name => _settings.Name;

    /// <summary>Whether <see cref="Score"/> reads the other refusal scores.</summary>
    public bool ReadsScores => _settings.Scores;

    /// <summary>Whether <see cref="Score"/> reads the protective cue of refusal.yaml (give it with <see cref="WithCue"/>).</summary>
    public bool ReadsCue => _settings.Cue;

    /// <summary>The model reading <paramref name="cue"/> as the protective cue (refusal.yaml's; also after <see cref="Read"/>).</summary>
    public RefusalModel WithCue(Func<string, bool>? cue)
    {
        _cue = cue;
        return this;
    }

    /// <summary>0 to 1: how strongly the message reads as a request to refuse.</summary>
    /// <param name="scores">The message's <see cref="ScoreFeatures"/>, when the model reads them (<see cref="ReadsScores"/>).</param>
    public double Score(string text, ReadOnlySpan<float> vector, ReadOnlySpan<float> scores = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var d = _vectorWeights.Length;
        if (vector.Length != d) throw new ArgumentException($"expected a vector of {d} numbers", nameof(vector));
        var z = _bias + TensorPrimitives.Dot(_vectorWeights, vector);
        var terms = TermsOf(text, _settings);
        if (terms.Count > 0)
        {
            var value = 1f / MathF.Sqrt(terms.Count);
            foreach (var term in terms) z += _weights.GetValueOrDefault(term) * value;
        }

        var dense = _neighbourWeights.AsSpan();
        var own = Dense(text, _settings, scores, _cue);
        z += TensorPrimitives.Dot(dense[..own.Length], own);
        dense = dense[own.Length..];

        if (_settings.Neighbours && _labels.Length > 0)
        {
            var similarities = new float[_labels.Length];
            for (var j = 0; j < _labels.Length; j++) similarities[j] = TensorPrimitives.Dot(vector, _references.AsSpan(j * d, d));
            z += TensorPrimitives.Dot(dense, Neighbourhood(similarities, _labels, excludeAbove: float.PositiveInfinity));
        }

        return Sigmoid(z);
    }

    /// <summary>
    /// How close a message is to each kind of row: per kind (requests, protective questions, everything else) the highest
    /// cosine and the mean of the <see cref="Nearest"/> highest, then the requests' and the protective questions' share of
    /// the votes of the <see cref="Voters"/> nearest rows (each weighted by closeness, as <see cref="ExampleClassifier"/>
    /// votes). Rows whose similarity is NaN or above <paramref name="excludeAbove"/> are left out (the row itself and its
    /// repeats, when a training row's neighbourhood is computed).
    /// </summary>
    internal static float[] Neighbourhood(ReadOnlySpan<float> similarities, IReadOnlyList<int> labels, float excludeAbove)
    {
        Span<float> top = stackalloc float[3 * Nearest];
        top.Fill(float.NegativeInfinity);
        Span<float> voters = stackalloc float[Voters];
        Span<int> voterLabels = stackalloc int[Voters];
        voters.Fill(float.NegativeInfinity);
        for (var j = 0; j < similarities.Length; j++)
        {
            var s = similarities[j];
            if (float.IsNaN(s) || s > excludeAbove) continue;
            var kind = labels[j] switch { Request => 0, Protective => 1, _ => 2 };
            Insert(top.Slice(kind * Nearest, Nearest), s);
            if (s > voters[^1])
            {
                var at = Voters - 1;
                while (at > 0 && voters[at - 1] < s)
                {
                    voters[at] = voters[at - 1];
                    voterLabels[at] = voterLabels[at - 1];
                    at--;
                }

                voters[at] = s;
                voterLabels[at] = kind;
            }
        }

        var features = new float[NeighbourFeatures];
        for (var kind = 0; kind < 3; kind++)
        {
            var best = top.Slice(kind * Nearest, Nearest);
            if (float.IsNegativeInfinity(best[0])) continue;
            features[2 * kind] = best[0];
            float sum = 0;
            var count = 0;
            foreach (var s in best)
            {
                if (float.IsNegativeInfinity(s)) break;
                sum += s;
                count++;
            }

            features[(2 * kind) + 1] = sum / count;
        }

        float total = 0, request = 0, protective = 0;
        for (var k = 0; k < Voters && !float.IsNegativeInfinity(voters[k]); k++)
        {
            var weight = MathF.Exp((voters[k] - voters[0]) / VoteTemperature);
            total += weight;
            if (voterLabels[k] == 0) request += weight;
            else if (voterLabels[k] == 1) protective += weight;
        }

        if (total > 0)
        {
            features[6] = request / total;
            features[7] = protective / total;
        }

        return features;
    }

    private static void Insert(Span<float> best, float s)
    {
        if (s <= best[^1]) return;
        var at = best.Length - 1;
        while (at > 0 && best[at - 1] < s)
        {
            best[at] = best[at - 1];
            at--;
        }

        best[at] = s;
    }

    /// <summary>
    /// The message's word features: those of <see cref="StanceClassifier.TermsOf"/> when the settings read words, and the
    /// character 3- and 4-grams of each word (marked "#", the word padded with "_") when they read characters.
    /// </summary>
    internal static List<string> TermsOf(string text, Settings settings)
    {
        var terms = settings.Words ? StanceClassifier.TermsOf(text) : [];
        if (!settings.Characters) return terms;
        var grams = new HashSet<string>(terms, StringComparer.Ordinal);
        foreach (var word in SafetyText.Read(text).Words)
        {
            var padded = $"_{word}_";
            for (var size = 3; size <= 4; size++)
            {
                for (var i = 0; i + size <= padded.Length; i++) grams.Add(string.Concat("#", padded.AsSpan(i, size)));
            }
        }

        var list = grams.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    /// <summary>Writes the model for <see cref="Read"/> (not the reference rows: they come from the training).</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_settings.Vector);
        writer.Write(_settings.Words);
        writer.Write(_settings.Neighbours);
        writer.Write(_settings.Characters);
        writer.Write(_settings.Scores);
        writer.Write(_bias);
        writer.Write(_vectorWeights.Length);
        foreach (var x in _vectorWeights) writer.Write(x);
        writer.Write((byte)((_settings.Classes ? 1 : 0) | (_settings.Cue ? 2 : 0) | (_settings.Margin ? 4 : 0) | (_settings.Views << 3) | (_settings.Fixed ? FixedBit : 0)));
        if (_settings.Fixed)
        {
            writer.Write(_settings.KernelShare);
            writer.Write(_settings.ViewShare);
        }

        writer.Write(_neighbourWeights.Length);
        foreach (var x in _neighbourWeights) writer.Write(x);
        TermWeights.Write(writer, _weights);
    }

    /// <summary>A model written by <see cref="Write"/> (without its reference rows: <see cref="WithReferences"/>); throws <see cref="InvalidDataException"/> when the data does not describe one.</summary>
    public static RefusalModel Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var settings = new Settings(Vector: reader.ReadBoolean(), Words: reader.ReadBoolean(), Neighbours: reader.ReadBoolean(), Characters: reader.ReadBoolean(),
            Scores: reader.ReadBoolean());
        var bias = reader.ReadSingle();
        var dimensions = reader.ReadInt32();
        if (dimensions <= 0 || dimensions > 1 << 16 || !float.IsFinite(bias)) throw new InvalidDataException("not a refusal model");
        var vector = new float[dimensions];
        for (var j = 0; j < dimensions; j++) vector[j] = reader.ReadSingle();
        var inputs = reader.ReadByte();
        var views = (inputs & ~FixedBit) >> 3;
        if (views > MaxViews) throw new InvalidDataException("not a refusal model: bad inputs");
        settings = settings with { Classes = (inputs & 1) != 0, Cue = (inputs & 2) != 0, Margin = (inputs & 4) != 0, Views = views };
        if ((inputs & FixedBit) != 0)
        {
            settings = settings with { KernelShare = reader.ReadSingle(), ViewShare = reader.ReadSingle() };
            if (!(settings.KernelShare > 0 && settings.KernelShare <= 1 && settings.ViewShare >= 0 && settings.KernelShare + (settings.Views * settings.ViewShare) <= 1.0001f)) throw new InvalidDataException("not a refusal model: bad shares");
        }

        var neighbourCount = reader.ReadInt32();
        if (neighbourCount != DenseCount(settings)) throw new InvalidDataException("not a refusal model: bad neighbourhood");
        var neighbours = new float[neighbourCount];
        for (var j = 0; j < neighbourCount; j++) neighbours[j] = reader.ReadSingle();
        return new RefusalModel(settings, TermWeights.Read(reader, "refusal model"), vector, neighbours, bias);
    }

    /// <summary>The bit of the written inputs byte that marks a fixed average (<see cref="Settings.Fixed"/>); its shares follow the byte.</summary>
    private const int FixedBit = 0x40;

    private static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    /// <summary>Adam's moment estimates for one block of weights.</summary>
    private sealed class Adam(int size)
    {
        private const float Beta1 = 0.9f, Beta2 = 0.999f, Epsilon = 1e-8f;
        private readonly float[] _m1 = new float[size];
        private readonly float[] _m2 = new float[size];

        public void Step(float[] weights, float[] gradient, float rate, int step)
        {
            var correction1 = 1f - MathF.Pow(Beta1, step);
            var correction2 = 1f - MathF.Pow(Beta2, step);
            for (var j = 0; j < weights.Length; j++)
            {
                var g = gradient[j];
                _m1[j] = (Beta1 * _m1[j]) + ((1 - Beta1) * g);
                _m2[j] = (Beta2 * _m2[j]) + ((1 - Beta2) * g * g);
                weights[j] -= rate * (_m1[j] / correction1) / (MathF.Sqrt(_m2[j] / correction2) + Epsilon);
            }
        }
    }
}

using System.Globalization;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace BotHost.Knowledge.Search;

/// <summary>
/// The article index on Lucene.Net: two in-memory indexes built once at load, one document per section (its heading
/// and text, with the article's title, questions, tags and summary as separately boosted fields) and one per question
/// (the articles' questions and off-topic.yaml's everyday questions, each on its own, so a member's question is
/// compared with each way it was written down). Ranked by BM25; a phrase of several words is a <see cref="PhraseQuery"/>
/// in each field. Lucene's searcher is thread-safe, so questions are answered in parallel on every core; disposing
/// waits for questions in flight, so a knowledge reload can dispose the old index while they finish.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex
{
    private const string Row = "row";

    /// <summary>Every word of a passage, unscored: its document frequencies are the vocabulary.</summary>
    private const string All = "all";

    private const string Question = "question";

    /// <summary>Document length over all fields, in tokens (BM25F's |D|).</summary>
    private const string Length = "length";

    /// <summary>bm25's term-frequency saturation and length normalisation (Lucene's defaults).</summary>
    private const double K1 = 1.2;

    private const double B = 0.75;

    private static readonly string[] Fields = ["title", "questions", "tags", "summary", "heading", "body"];

    private static readonly FieldType Unscored = new(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_ONLY, OmitNorms = true };

    private readonly Side _passages;
    private readonly Side _questions;
    private readonly float[] _boosts;
    private readonly System.Threading.Lock _gate = new();
    private int _rented;
    private bool _disposed;

    private LuceneSearchIndex(Side passages, Side questions, float[] boosts, IReadOnlyDictionary<string, int> vocabulary)
    {
        _passages = passages;
        _questions = questions;
        _boosts = boosts;
        Vocabulary = vocabulary;
    }

    public int PassageCount => _passages.Count;

    public int QuestionCount => _questions.Count;

    public IReadOnlyDictionary<string, int> Vocabulary { get; }

    /// <param name="questions">The articles' questions (and off-topic examples), one document each (may be empty).</param>
    public static LuceneSearchIndex Build(IReadOnlyList<IndexedPassage> passages, IReadOnlyList<string> questions, SearchWeights weights)
    {
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(weights);
        var passageSide = Side.Create(passages.Count, (document, i) =>
        {
            var p = passages[i];
            string[] values = [p.Title, p.Questions, p.Tags, p.Summary, p.Heading, p.Body];
            var length = 0;
            for (var f = 0; f < Fields.Length; f++)
            {
                document.Add(new TextField(Fields[f], values[f], Field.Store.NO));
                length += LuceneAnalysis.Terms(values[f]).Count;
            }

            document.Add(new NumericDocValuesField(Length, length));
            document.Add(new Field(All, string.Join('\n', values), Unscored));
        });
        var questionSide = Side.Create(questions.Count, (document, i) =>
        {
            document.Add(new TextField(Question, questions[i], Field.Store.NO));
            document.Add(new NumericDocValuesField(Length, LuceneAnalysis.Terms(questions[i]).Count));
        });
        var boosts = new[] { weights.Title, weights.Questions, weights.Tags, weights.Summary, weights.Heading, weights.Body }.Select(w => (float)w).ToArray();
        return new LuceneSearchIndex(passageSide, questionSide, boosts, passageSide.DocumentFrequencies(All));
    }

    public IReadOnlyList<PassageHit> Search(LexicalQuery query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Run(query, limit, questions: false);
    }

    public IReadOnlyList<PassageHit> SearchQuestions(LexicalQuery query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Run(query, limit, questions: true);
    }

    /// <summary>
    /// Scores every document that matches any phrase with bm25 over weighted fields (BM25F): for each phrase,
    /// its weighted frequency f = sum over fields of weight × occurrences (Lucene's postings, through
    /// <see cref="WeightedFrequency"/>), then idf × f(k1 + 1) / (f + k1(1 - b + b |D| / avgdl)) with |D| the
    /// document's length over all its fields, summed over the phrases. Saturating the fields' sum, rather than each
    /// field on its own as a Boolean query of per-field BM25 clauses would, keeps an article that repeats its topic
    /// word in title, tags, summary and questions from winning on that alone.
    /// </summary>
    private List<PassageHit> Run(LexicalQuery query, int limit, bool questions)
    {
        if (query.IsEmpty || limit <= 0) return [];
        var side = questions ? _questions : _passages;
        if (side.Count == 0) return [];
        Rent();
        try
        {
            var scores = new Dictionary<int, double>();
            var matches = new PhraseMatches();
            foreach (var phrase in query.Phrases)
            {
                var terms = phrase.Stems;
                Query lucene;
                if (questions)
                {
                    lucene = Match(Question, terms, 1f);
                }
                else
                {
                    var fields = new BooleanQuery(disableCoord: true);
                    for (var f = 0; f < Fields.Length; f++) fields.Add(Match(Fields[f], terms, _boosts[f]), Occur.SHOULD);
                    lucene = fields;
                }

                matches.Clear();
                side.Searcher.Search(lucene, matches);
                if (matches.Count == 0) continue;
                // Robertson-Sparck Jones idf, log((N - n + 0.5) / (n + 0.5)), kept above 0 (the engine this index replaced
                // used it, and the ranking's parameters were tuned with it; Lucene's BM25Similarity adds 1 inside the log).
                var idf = Math.Max(1e-6, Math.Log((side.Count - matches.Count + 0.5) / (matches.Count + 0.5)));
                for (var i = 0; i < matches.Count; i++)
                {
                    var (doc, frequency) = matches[i];
                    var norm = K1 * (1 - B + (B * side.Lengths[doc] / side.AverageLength));
                    ref var score = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(scores, side.Rows[doc], out _);
                    score += idf * (frequency * (K1 + 1)) / (frequency + norm);
                }
            }

            var hits = new List<PassageHit>(scores.Count);
            foreach (var (row, score) in scores) hits.Add(new PassageHit(row, score));
            hits.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Passage.CompareTo(b.Passage));
            if (hits.Count > limit) hits.RemoveRange(limit, hits.Count - limit);
            return hits;
        }
        finally
        {
            Return();
        }
    }

    private static Query Match(string field, IReadOnlyList<string> terms, float boost)
    {
        Query query;
        if (terms.Count == 1)
        {
            query = new TermQuery(new Term(field, terms[0]));
        }
        else
        {
            var phrase = new PhraseQuery();
            foreach (var term in terms) phrase.Add(new Term(field, term));
            query = phrase;
        }

        query.Boost = boost;
        return query;
    }

    private void Rent()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _rented++;
        }
    }

    private void Return()
    {
        bool closeNow;
        lock (_gate)
        {
            _rented--;
            closeNow = _disposed && _rented == 0;
        }

        if (closeNow) CloseAll();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_rented > 0) return; // the last Return closes everything
        }

        CloseAll();
    }

    private void CloseAll()
    {
        _passages.Dispose();
        _questions.Dispose();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"LuceneSearchIndex({PassageCount} passages, {QuestionCount} questions)");

    /// <summary>One in-memory index, its searcher, and each Lucene document's row number (read once, so no hit loads a stored document).</summary>
    private sealed class Side : IDisposable
    {
        private readonly LuceneDirectory _directory;
        private readonly DirectoryReader _reader;

        private Side(LuceneDirectory directory, DirectoryReader reader, int[] rows, float[] lengths, int count)
        {
            _directory = directory;
            _reader = reader;
            Rows = rows;
            Lengths = lengths;
            Count = count;
            AverageLength = count == 0 ? 1 : Math.Max(1e-6, lengths.Sum(l => (double)l) / count);
            Searcher = new IndexSearcher(reader) { Similarity = WeightedFrequency.Instance };
        }

        public IndexSearcher Searcher { get; }

        /// <summary>For each Lucene document id, the row it was built from.</summary>
        public int[] Rows { get; }

        /// <summary>For each Lucene document id, its length over all fields in tokens.</summary>
        public float[] Lengths { get; }

        public double AverageLength { get; }

        public int Count { get; }

        public static Side Create(int count, Action<Document, int> fill)
        {
#pragma warning disable CA2000 // owned by the Side, disposed with it
            var directory = new RAMDirectory();
#pragma warning restore CA2000
            try
            {
                var config = new IndexWriterConfig(LuceneAnalysis.Version, LuceneAnalysis.Stemming)
                {
                    Similarity = new BM25Similarity(),
                    OpenMode = OpenMode.CREATE,
                    RAMBufferSizeMB = 64,
                };
                using (var writer = new IndexWriter(directory, config))
                {
                    for (var i = 0; i < count; i++)
                    {
                        var document = new Document { new NumericDocValuesField(Row, i) };
                        fill(document, i);
                        writer.AddDocument(document);
                    }

                    writer.ForceMerge(1);
                    writer.Commit();
                }

                var reader = DirectoryReader.Open(directory);
                var rows = new int[reader.MaxDoc];
                var lengths = new float[reader.MaxDoc];
                foreach (var leaf in reader.Leaves)
                {
                    var rowValues = leaf.AtomicReader.GetNumericDocValues(Row);
                    var lengthValues = leaf.AtomicReader.GetNumericDocValues(Length);
                    for (var d = 0; d < leaf.AtomicReader.MaxDoc; d++)
                    {
                        rows[leaf.DocBase + d] = (int)rowValues.Get(d);
                        lengths[leaf.DocBase + d] = lengthValues?.Get(d) ?? 0;
                    }
                }

                return new Side(directory, reader, rows, lengths, count);
            }
            catch
            {
                directory.Dispose();
                throw;
            }
        }

        /// <summary>Every term of <paramref name="field"/> and the number of documents it occurs in.</summary>
        public Dictionary<string, int> DocumentFrequencies(string field)
        {
            var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
            var terms = MultiFields.GetTerms(_reader, field);
            if (terms is null) return frequencies;
            var e = terms.GetEnumerator();
            while (e.MoveNext()) frequencies[e.Term.Utf8ToString()] = e.DocFreq;
            return frequencies;
        }

        public void Dispose()
        {
            _reader.Dispose();
            _directory.Dispose();
        }
    }
}

/// <summary>
/// A Lucene similarity whose score is the boosted raw frequency (occurrences of the term or phrase × the query's
/// boost), so a Boolean query over boosted fields adds up BM25F's weighted frequency; <see cref="LuceneSearchIndex"/>
/// saturates it. No norms are read (lengths come from doc values) and query normalisation is off.
/// </summary>
internal sealed class WeightedFrequency : Similarity
{
    public static WeightedFrequency Instance { get; } = new();

    private static readonly BM25Similarity Indexing = new();

    public override long ComputeNorm(FieldInvertState state) => Indexing.ComputeNorm(state);

    public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats) => new Boost(queryBoost);

    public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context) => new Scorer(((Boost)weight).Value);

    private sealed class Boost(float value) : SimWeight
    {
        public float Value { get; private set; } = value;

        public override float GetValueForNormalization() => 1f;

        public override void Normalize(float queryNorm, float topLevelBoost) => Value *= topLevelBoost;
    }

    private sealed class Scorer(float boost) : SimScorer
    {
        public override float Score(int doc, float freq) => boost * freq;

        public override float ComputeSlopFactor(int distance) => 1f / (distance + 1);

        public override float ComputePayloadFactor(int doc, int start, int end, BytesRef payload) => 1f;
    }
}

/// <summary>
/// Every document a query matches and its score, in document order (reused between phrases). In order, because a
/// collector that accepts documents out of order gets Lucene's BooleanScorer, whose bucket table (2,048 objects) is
/// allocated anew for every query: about 100 KB per phrase, most of what an answer allocated.
/// </summary>
internal sealed class PhraseMatches : ICollector
{
    private readonly List<(int Doc, float Score)> _matches = [];
    private Lucene.Net.Search.Scorer? _scorer;
    private int _docBase;

    public int Count => _matches.Count;

    public (int Doc, float Score) this[int index] => _matches[index];

    public bool AcceptsDocsOutOfOrder => false;

    public void Clear() => _matches.Clear();

    public void SetScorer(Lucene.Net.Search.Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

    public void Collect(int doc) => _matches.Add((_docBase + doc, _scorer!.GetScore()));
}

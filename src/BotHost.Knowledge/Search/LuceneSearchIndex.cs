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

    private const string Question = "question";

    /// <summary>Document length over all fields, in tokens (BM25F's |D|).</summary>
    private const string Length = "length";

    /// <summary>bm25's term-frequency saturation and length normalisation (Lucene's defaults).</summary>
    private const double K1 = 1.2;

    private const double B = 0.75;

    private static readonly string[] Fields = ["title", "questions", "tags", "summary", "heading", "body"];

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
        // An article's title, questions, tags and summary are in each of its sections' passages: their lengths are
        // counted once (by text).
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int Count(string text)
        {
            if (!counts.TryGetValue(text, out var count)) counts[text] = count = LuceneAnalysis.CountTerms(text);
            return count;
        }

        var passageSide = Side.Create(passages.Count, Fields, (document, i) =>
        {
            var p = passages[i];
            string[] values = [p.Title, p.Questions, p.Tags, p.Summary, p.Heading, p.Body];
            var length = 0;
            for (var f = 0; f < Fields.Length; f++)
            {
                document.Add(new TextField(Fields[f], values[f], Field.Store.NO));
                length += f < 4 ? Count(values[f]) : LuceneAnalysis.CountTerms(values[f]);
            }

            document.Add(new NumericDocValuesField(Length, length));
        });
        var questionSide = Side.Create(questions.Count, [Question], (document, i) =>
        {
            document.Add(new TextField(Question, questions[i], Field.Store.NO));
            document.Add(new NumericDocValuesField(Length, LuceneAnalysis.CountTerms(questions[i])));
        });
        var boosts = new[] { weights.Title, weights.Questions, weights.Tags, weights.Summary, weights.Heading, weights.Body }.Select(w => (float)w).ToArray();
        return new LuceneSearchIndex(passageSide, questionSide, boosts, passageSide.DocumentFrequencies());
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
    /// its weighted frequency f = sum over fields of weight × occurrences, then
    /// idf × f(k1 + 1) / (f + k1(1 - b + b |D| / avgdl)) with |D| the document's length over all its fields, summed
    /// over the phrases. Saturating the fields' sum, rather than each field on its own as a Boolean query of per-field
    /// BM25 clauses would, keeps an article that repeats its topic word in title, tags, summary and questions from
    /// winning on that alone. The occurrences are read from Lucene's postings directly (a word's documents and
    /// frequencies; a phrase's through its words' positions, counted where they follow each other as a
    /// <see cref="PhraseQuery"/> with no slop counts them), through enumerators and arrays reused from one question to
    /// the next (<see cref="Postings"/>): built as queries, each phrase and field allocated its own weights, scorers and
    /// block buffers, a few hundred KB per question.
    /// </summary>
    private List<PassageHit> Run(LexicalQuery query, int limit, bool questions)
    {
        if (query.IsEmpty || limit <= 0) return [];
        var side = questions ? _questions : _passages;
        if (side.Count == 0) return [];
        Rent();
        var postings = side.RentPostings();
        try
        {
            foreach (var phrase in query.Phrases)
            {
                postings.StartPhrase();
                if (questions)
                {
                    postings.Collect(0, phrase.Stems, 1f);
                }
                else
                {
                    for (var f = 0; f < Fields.Length; f++) postings.Collect(f, phrase.Stems, _boosts[f]);
                }

                var matched = postings.Matched;
                if (matched.Count == 0) continue;
                // Robertson-Sparck Jones idf, log((N - n + 0.5) / (n + 0.5)), kept above 0 (the engine this index replaced
                // used it, and the ranking's parameters were tuned with it; Lucene's BM25Similarity adds 1 inside the log).
                var idf = Math.Max(1e-6, Math.Log((side.Count - matched.Count + 0.5) / (matched.Count + 0.5)));
                foreach (var doc in matched)
                {
                    var frequency = postings.Frequency(doc);
                    var norm = K1 * (1 - B + (B * side.Lengths[doc] / side.AverageLength));
                    postings.AddScore(doc, idf * (frequency * (K1 + 1)) / (frequency + norm));
                }
            }

            var hits = new List<PassageHit>(postings.Scored.Count);
            foreach (var doc in postings.Scored) hits.Add(new PassageHit(side.Rows[doc], postings.Score(doc)));
            hits.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Passage.CompareTo(b.Passage));
            if (hits.Count > limit) hits.RemoveRange(limit, hits.Count - limit);
            return hits;
        }
        finally
        {
            side.ReturnPostings(postings);
            Return();
        }
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

        /// <summary>Postings readers kept for reuse at most: more than the questions ever searched at once.</summary>
        private static readonly int MaxPooled = Environment.ProcessorCount * 4;

        private readonly System.Collections.Concurrent.ConcurrentBag<Postings> _pool = [];
        private readonly string[] _fields;

        private Side(LuceneDirectory directory, DirectoryReader reader, int[] rows, float[] lengths, int count, string[] fields)
        {
            _directory = directory;
            _reader = reader;
            _fields = fields;
            Rows = rows;
            Lengths = lengths;
            Count = count;
            AverageLength = count == 0 ? 1 : Math.Max(1e-6, lengths.Sum(l => (double)l) / count);
        }

        /// <summary>For each Lucene document id, the row it was built from.</summary>
        public int[] Rows { get; }

        /// <summary>For each Lucene document id, its length over all fields in tokens.</summary>
        public float[] Lengths { get; }

        public double AverageLength { get; }

        public int Count { get; }

        /// <summary>Postings readers for one question: a pooled one, or a new one when every pooled one is in use.</summary>
        public Postings RentPostings()
        {
            if (_pool.TryTake(out var postings)) return postings;
            var leaf = _reader.Leaves.Count == 1 ? _reader.Leaves[0].AtomicReader
                : throw new InvalidOperationException($"the index has {_reader.Leaves.Count} segments; it is merged into one when built");
            return new Postings(leaf, _fields);
        }

        /// <summary>Clears the readers' per-question state and keeps them for the next question (up to <see cref="MaxPooled"/>).</summary>
        public void ReturnPostings(Postings postings)
        {
            postings.Reset();
            if (_pool.Count < MaxPooled) _pool.Add(postings);
        }

        /// <param name="fields">The scored fields, in the order <see cref="Postings.Collect"/> numbers them.</param>
        public static Side Create(int count, string[] fields, Action<Document, int> fill)
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
                    // One segment from the start: with a smaller buffer a large knowledge base was flushed in parts
                    // that ForceMerge then read back and merged (a seventh of a 10,000-article build). The buffer
                    // holds only what the documents need.
                    RAMBufferSizeMB = 1024,
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

                return new Side(directory, reader, rows, lengths, count, fields);
            }
            catch
            {
                directory.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Every term of the scored fields and the number of documents it occurs in (in any of them), in term order:
        /// the fields' term lists walked side by side, each term's documents counted once. (These were the document
        /// frequencies of a field holding every field's text again, which doubled the analysis of a build.)
        /// </summary>
        public Dictionary<string, int> DocumentFrequencies()
        {
            var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
            var enums = new TermsEnum?[_fields.Length];
            for (var f = 0; f < _fields.Length; f++)
            {
                enums[f] = MultiFields.GetTerms(_reader, _fields[f])?.GetEnumerator();
                if (enums[f] is { } e && !e.MoveNext()) enums[f] = null;
            }

            var seen = new int[_reader.MaxDoc];
            var stamp = 0;
            DocsEnum? docs = null;
            var liveDocs = MultiFields.GetLiveDocs(_reader);
            while (true)
            {
                BytesRef? least = null;
                foreach (var e in enums)
                {
                    if (e is not null && (least is null || e.Term.CompareTo(least) < 0)) least = e.Term;
                }

                if (least is null) return frequencies;
                var term = BytesRef.DeepCopyOf(least);
                stamp++;
                var count = 0;
                for (var f = 0; f < enums.Length; f++)
                {
                    if (enums[f] is not { } e || !e.Term.BytesEquals(term)) continue;
                    docs = e.Docs(liveDocs, docs, DocsFlags.NONE);
                    for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                    {
                        if (seen[doc] == stamp) continue;
                        seen[doc] = stamp;
                        count++;
                    }

                    if (!e.MoveNext()) enums[f] = null;
                }

                frequencies[term.Utf8ToString()] = count;
            }
        }

        public void Dispose()
        {
            _reader.Dispose();
            _directory.Dispose();
        }
    }
}

/// <summary>
/// Reads one question's phrases from the postings of an index of one segment: for each field, a word's documents and
/// frequencies, or a phrase's documents and the number of places its words follow each other; each field's count
/// times the field's weight is added to the document's weighted frequency for the phrase, and <see cref="Matched"/>
/// lists the documents the phrase occurs in (any field). Enumerators and per-document arrays are reused from one
/// question to the next (Lucene's reuse arguments), so a question allocates almost nothing here. Not thread-safe:
/// one per question in flight, pooled by the index.
/// </summary>
internal sealed class Postings
{
    private readonly Terms?[] _terms;
    private readonly TermsEnum?[] _termsEnums;
    private readonly DocsEnum?[] _docs;
    private readonly List<DocsAndPositionsEnum?>[] _positions;
    private readonly float[] _frequencies;
    private readonly int[] _phraseOf;
    private readonly double[] _scores;
    private readonly bool[] _isScored;
    private readonly List<int> _matched = [];
    private readonly List<int> _scored = [];
    private readonly List<DocsAndPositionsEnum> _phraseTerms = [];
    private readonly BytesRef _term = new();
    private int[][] _termPositions = [];
    private int _phrase;

    public Postings(AtomicReader reader, string[] fields)
    {
        _terms = [.. fields.Select(reader.GetTerms)];
        _termsEnums = new TermsEnum?[fields.Length];
        _docs = new DocsEnum?[fields.Length];
        _positions = [.. fields.Select(_ => new List<DocsAndPositionsEnum?>())];
        _frequencies = new float[reader.MaxDoc];
        _phraseOf = new int[reader.MaxDoc];
        _scores = new double[reader.MaxDoc];
        _isScored = new bool[reader.MaxDoc];
    }

    /// <summary>Documents the current phrase occurs in, in the order first seen.</summary>
    public List<int> Matched => _matched;

    /// <summary>Documents given a score by <see cref="AddScore"/> since the last <see cref="Reset"/>.</summary>
    public List<int> Scored => _scored;

    /// <summary>The current phrase's weighted frequency in a document of <see cref="Matched"/>.</summary>
    public float Frequency(int doc) => _frequencies[doc];

    public double Score(int doc) => _scores[doc];

    public void StartPhrase()
    {
        _phrase++;
        _matched.Clear();
    }

    public void AddScore(int doc, double score)
    {
        if (!_isScored[doc])
        {
            _isScored[doc] = true;
            _scores[doc] = 0;
            _scored.Add(doc);
        }

        _scores[doc] += score;
    }

    /// <summary>Clears the scores (the per-phrase state is cleared by <see cref="StartPhrase"/>).</summary>
    public void Reset()
    {
        foreach (var doc in _scored) _isScored[doc] = false;
        _scored.Clear();
        _matched.Clear();
    }

    /// <summary>Adds <paramref name="weight"/> × the phrase's occurrences in field <paramref name="field"/> of each document.</summary>
    public void Collect(int field, IReadOnlyList<string> stems, float weight)
    {
        if (_terms[field] is not { } terms || stems.Count == 0) return;
        // Kept and sought again: the block tree's GetEnumerator ignores its reuse argument and builds a new enumerator.
        var termsEnum = _termsEnums[field] ??= terms.GetEnumerator();
        if (stems.Count == 1)
        {
            if (!Seek(termsEnum, stems[0])) return;
            var docs = _docs[field] = termsEnum.Docs(null, _docs[field], DocsFlags.FREQS);
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc()) Add(doc, weight * docs.Freq);
            return;
        }

        var reuse = _positions[field];
        while (reuse.Count < stems.Count) reuse.Add(null);
        _phraseTerms.Clear();
        for (var i = 0; i < stems.Count; i++)
        {
            if (!Seek(termsEnum, stems[i])) return;
            var positions = reuse[i] = termsEnum.DocsAndPositions(null, reuse[i], DocsAndPositionsFlags.NONE);
            if (positions is null) return; // the field has no positions (never: text fields keep them)
            _phraseTerms.Add(positions);
        }

        CollectPhrase(weight);
    }

    /// <summary>Documents where every word occurs (leapfrogging their postings), then the places the words follow each other.</summary>
    private void CollectPhrase(float weight)
    {
        var lead = _phraseTerms[0];
        var doc = lead.NextDoc();
        while (doc != DocIdSetIterator.NO_MORE_DOCS)
        {
            var next = doc;
            for (var i = 1; i < _phraseTerms.Count && next == doc; i++)
            {
                var other = _phraseTerms[i];
                if (other.DocID < doc) next = other.Advance(doc);
                else next = other.DocID;
            }

            if (next == DocIdSetIterator.NO_MORE_DOCS) return;
            if (next != doc)
            {
                doc = lead.Advance(next);
                continue;
            }

            var count = Adjacent();
            if (count > 0) Add(doc, weight * count);
            doc = lead.NextDoc();
        }
    }

    /// <summary>How many positions p of the first word have word i at p + i, for every word of the phrase.</summary>
    private int Adjacent()
    {
        if (_termPositions.Length < _phraseTerms.Count) Array.Resize(ref _termPositions, _phraseTerms.Count);
        for (var i = 0; i < _phraseTerms.Count; i++)
        {
            var term = _phraseTerms[i];
            var frequency = term.Freq;
            if (_termPositions[i] is not { } buffer || buffer.Length < frequency) _termPositions[i] = buffer = new int[Math.Max(16, frequency * 2)];
            for (var k = 0; k < frequency; k++) buffer[k] = term.NextPosition();
        }

        var count = 0;
        var cursors = (Span<int>)stackalloc int[_phraseTerms.Count];
        cursors.Clear();
        for (var k = 0; k < _phraseTerms[0].Freq; k++)
        {
            var start = _termPositions[0][k];
            var all = true;
            for (var i = 1; i < _phraseTerms.Count && all; i++)
            {
                var positions = _termPositions[i];
                var frequency = _phraseTerms[i].Freq;
                while (cursors[i] < frequency && positions[cursors[i]] < start + i) cursors[i]++;
                all = cursors[i] < frequency && positions[cursors[i]] == start + i;
            }

            if (all) count++;
        }

        return count;
    }

    private bool Seek(TermsEnum termsEnum, string stem)
    {
        _term.CopyChars(stem);
        return termsEnum.SeekExact(_term);
    }

    private void Add(int doc, float frequency)
    {
        if (_phraseOf[doc] != _phrase)
        {
            _phraseOf[doc] = _phrase;
            _frequencies[doc] = 0;
            _matched.Add(doc);
        }

        _frequencies[doc] += frequency;
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BotHost.Knowledge.Search;

/// <summary>
/// An in-memory SQLite FTS5 index: one row per section, porter-stemmed, ranked with weighted bm25.
/// The index is built once in a memory database; each concurrent query rents its own session: a private in-memory
/// copy (SQLite's backup API) with prepared statements. Private copies share no cache and no lock, so questions are
/// answered in parallel on every core (a shared-cache database serialises readers on its btree mutex, which capped
/// `serve` at one core). There are as many copies as questions answered at the same time. Disposing waits for rented connections to come back, so a knowledge reload can dispose the
/// old index while in-flight questions finish. Before a query runs, <see cref="MatchPlanner"/> picks the phrases each
/// table is asked to match, from per-phrase row counts that are counted once and kept.
/// </summary>
public sealed class SqliteSearchIndex : ISearchIndex
{
    // https://sqlite.org/fts5.html#tokenizers: porter over unicode61, diacritics removed ("café" = "cafe").
    private const string Tokenizer = "porter unicode61 remove_diacritics 2";

    private static readonly string[] ParameterNames = ["$id", "$t", "$q", "$g", "$s", "$h", "$b"];

    /// <summary>Where a lone, very common phrase must occur in a passage to be matched (see <see cref="MatchPlanner"/>).</summary>
    private const string FocusColumns = "{title tags heading}";

    /// <summary>Phrase row counts kept per table; more distinct phrases than this are counted each time instead.</summary>
    private const int MaxCountedPhrases = 100_000;

    /// <summary>Phrases whose scored rows are kept per table (see <see cref="Postings"/>); more are scored each time.</summary>
    private const int MaxCachedPostings = 50_000;

    /// <summary>A phrase matching more rows than this is never kept: large tables go through the planner instead.</summary>
    private const int MaxCachedRows = 4_000;

    private readonly SqliteConnection _keeper;
    private readonly string _selectSql;
    private readonly string _selectQuestionsSql;
    private readonly int _budget;
    private readonly bool _keepPostings;
    private readonly ConcurrentDictionary<string, int> _passageRows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _questionRows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Postings> _passagePostings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Postings> _questionPostings = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<SearchSession> _idle = [];
    private readonly Lock _gate = new();
    private int _rented;
    private bool _disposed;

    private SqliteSearchIndex(SqliteConnection keeper, string selectSql, string selectQuestionsSql,
        int passageCount, int questionCount, IReadOnlyDictionary<string, int> vocabulary, int budget, bool keepPostings)
    {
        _keeper = keeper;
        _budget = budget;
        _keepPostings = keepPostings;
        _selectSql = selectSql;
        _selectQuestionsSql = selectQuestionsSql;
        PassageCount = passageCount;
        QuestionCount = questionCount;
        Vocabulary = vocabulary;
    }

    static SqliteSearchIndex() => SQLitePCL.Batteries_V2.Init();

    public int PassageCount { get; }

    public int QuestionCount { get; }

    public IReadOnlyDictionary<string, int> Vocabulary { get; }

    /// <param name="questions">The articles' questions, one row each (may be empty).</param>
    /// <param name="budget">What a query may cost per table, in scored rows, before its commonest phrases are left out (see <see cref="MatchPlanner"/>).</param>
    /// <param name="keepPostings">Keep each phrase's scored rows (see <see cref="FromPostings"/>); off, every query is one FTS5 statement.</param>
    public static SqliteSearchIndex Build(IReadOnlyList<IndexedPassage> passages, IReadOnlyList<string> questions, SearchWeights weights,
        int budget = MatchPlanner.DefaultBudget, bool keepPostings = true)
    {
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(weights);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"bothost-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
            Pooling = false,
        }.ToString();

        var keeper = new SqliteConnection(connectionString);
        try
        {
            keeper.Open();
            CreateAndFill(keeper, passages, questions);
            var vocabulary = ReadVocabulary(keeper);
            // The LIMIT is written into the SQL (SearchSession appends it) rather than bound: SQLite offers the LIMIT to
            // the virtual table's planner, so a bound value made it re-prepare the statement on every run
            // (sqlite3_stmt_status REPREPARE counted one per step), about a tenth of a shipped question's time.
            var select = $"SELECT rowid - 1, -bm25(passages, {weights.ToSqlArguments()}) AS score FROM passages " +
                         "WHERE passages MATCH $query ORDER BY score DESC LIMIT ";
            const string selectQuestions = "SELECT rowid - 1, -bm25(questions) AS score FROM questions " +
                                           "WHERE questions MATCH $query ORDER BY score DESC LIMIT ";
            return new SqliteSearchIndex(keeper, select, selectQuestions, passages.Count, questions.Count, vocabulary, budget, keepPostings);
        }
        catch
        {
            keeper.Dispose();
            throw;
        }
    }

    public IReadOnlyList<PassageHit> Search(FtsQuery query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Run(query, limit, questions: false);
    }

    public IReadOnlyList<PassageHit> SearchQuestions(FtsQuery query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Run(query, limit, questions: true);
    }

    private List<PassageHit> Run(FtsQuery query, int limit, bool questions)
    {
        if (query.IsEmpty || limit <= 0) return [];
        var session = Rent();
        try
        {
            var counts = questions ? _questionRows : _passageRows;
            var statistics = new PhraseStatistics[query.PhraseCount];
            for (var i = 0; i < statistics.Length; i++) statistics[i] = Statistics(session, counts, query.Phrases[i], questions);
            if (_keepPostings && MatchPlanner.KeepsAll(statistics, _budget) && statistics.All(p => p.Rows <= MaxCachedRows))
            {
                return FromPostings(session, query.Phrases, statistics, limit, questions);
            }

            var expression = MatchPlanner.Plan(query.Phrases, statistics, _budget, questions ? null : FocusColumns);
            return expression is null ? [] : session.Run(expression, limit, questions);
        }
        finally
        {
            Return(session);
        }
    }

    /// <summary>
    /// bm25 is a sum over the query's phrases of a term that depends only on the phrase and the row (its idf, its
    /// weighted count in the row, the row's length), and FTS5 adds them up in query order. So each phrase's scored rows
    /// are asked of FTS5 once, kept, and added up here in the same order: the same doubles added in the same order
    /// give exactly the scores of the whole expression (a phrase missing from a row adds 0 there, which changes
    /// nothing), and the rows come back in the same order, best first. Members ask with the same few hundred words,
    /// so after the first questions nearly every phrase is known and a question costs no FTS5 scoring at all.
    /// </summary>
    private List<PassageHit> FromPostings(SearchSession session, IReadOnlyList<FtsPhrase> phrases, PhraseStatistics[] statistics, int limit, bool questions)
    {
        var cache = questions ? _questionPostings : _passagePostings;
        var scores = new Dictionary<int, double>();
        for (var i = 0; i < phrases.Count; i++)
        {
            if (statistics[i].Rows <= 0) continue;
            if (!cache.TryGetValue(phrases[i].Text, out var postings))
            {
                postings = session.Postings(phrases[i].Text, questions);
                if (cache.Count < MaxCachedPostings) cache.TryAdd(phrases[i].Text, postings);
            }

            for (var k = 0; k < postings.Rows.Length; k++)
            {
                ref var score = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(scores, postings.Rows[k], out _);
                score += postings.Scores[k];
            }
        }

        var hits = new List<PassageHit>(scores.Count);
        foreach (var (row, score) in scores) hits.Add(new PassageHit(row, score));
        hits.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Passage.CompareTo(b.Passage));
        if (hits.Count > limit) hits.RemoveRange(limit, hits.Count - limit);
        return hits;
    }

    private static PhraseStatistics Statistics(SearchSession session, ConcurrentDictionary<string, int> counts, FtsPhrase phrase, bool questions)
    {
        var rows = RowCount(session, counts, phrase.Text, questions);
        if (phrase.Words.Count == 1) return new PhraseStatistics(rows, rows);
        var wordRows = 0L;
        foreach (var word in phrase.Words) wordRows += RowCount(session, counts, word, questions);
        return new PhraseStatistics(rows, wordRows);
    }

    /// <summary>How many rows of the table match the phrase: bm25's own idf input, counted once and remembered.</summary>
    private static int RowCount(SearchSession session, ConcurrentDictionary<string, int> counts, string phrase, bool questions)
    {
        if (counts.TryGetValue(phrase, out var rows)) return rows;
        rows = session.Count(phrase, questions);
        if (counts.Count < MaxCountedPhrases) counts.TryAdd(phrase, rows);
        return rows;
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

    private static void CreateAndFill(SqliteConnection connection, IReadOnlyList<IndexedPassage> passages, IReadOnlyList<string> questions)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText =
                "CREATE VIRTUAL TABLE passages USING fts5(title, questions, tags, summary, heading, body, " +
                $"tokenize = '{Tokenizer}');" +
                $"CREATE VIRTUAL TABLE questions USING fts5(question, tokenize = '{Tokenizer}');" +
                "CREATE VIRTUAL TABLE passages_vocab USING fts5vocab(passages, 'row');";
            create.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO passages(rowid, title, questions, tags, summary, heading, body) VALUES ($id, $t, $q, $g, $s, $h, $b)";
            var parameters = ParameterNames.Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
            parameters[0].SqliteType = SqliteType.Integer;
            insert.Prepare();
            for (var i = 0; i < passages.Count; i++)
            {
                var p = passages[i];
                parameters[0].Value = i + 1;
                parameters[1].Value = p.Title;
                parameters[2].Value = p.Questions;
                parameters[3].Value = p.Tags;
                parameters[4].Value = p.Summary;
                parameters[5].Value = p.Heading;
                parameters[6].Value = p.Body;
                insert.ExecuteNonQuery();
            }
        }

        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO questions(rowid, question) VALUES ($id, $q)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var text = insert.Parameters.Add("$q", SqliteType.Text);
            insert.Prepare();
            for (var i = 0; i < questions.Count; i++)
            {
                id.Value = i + 1;
                text.Value = questions[i];
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        using var optimize = connection.CreateCommand();
        // Merge the b-tree segments into one so queries read a single structure (https://sqlite.org/fts5.html#the_optimize_command).
        optimize.CommandText = "INSERT INTO passages(passages) VALUES('optimize'); INSERT INTO questions(questions) VALUES('optimize');";
        optimize.ExecuteNonQuery();
    }

    private static Dictionary<string, int> ReadVocabulary(SqliteConnection connection)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT term, doc FROM passages_vocab";
        using var reader = command.ExecuteReader();
        while (reader.Read()) vocabulary[reader.GetString(0)] = reader.GetInt32(1);
        return vocabulary;
    }

    private SearchSession Rent()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _rented++;
        }

        if (_idle.TryTake(out var session)) return session;
        try
        {
            lock (_keeper) return new SearchSession(_keeper, _selectSql, _selectQuestionsSql);
        }
        catch
        {
            Return(null);
            throw;
        }
    }

    private void Return(SearchSession? session)
    {
        bool closeNow;
        lock (_gate)
        {
            _rented--;
            closeNow = _disposed && _rented == 0;
            if (session is not null && !_disposed) _idle.Add(session);
            else session?.Dispose();
        }

        if (closeNow) CloseAll();
    }

    private void CloseAll()
    {
        while (_idle.TryTake(out var session)) session.Dispose();
        _keeper.Dispose();
    }

    /// <summary>A connection with its prepared ranking statements (one per table and limit); used by one query at a time.</summary>
    private sealed class SearchSession : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly string _passagesSql;
        private readonly string _questionsSql;
        private readonly Dictionary<(bool Questions, int Limit), SqliteCommand> _commands = [];
        private readonly SqliteCommand _countPassages;
        private readonly SqliteCommand _countQuestions;
        private readonly SqliteCommand _postingsPassages;
        private readonly SqliteCommand _postingsQuestions;

        public SearchSession(SqliteConnection source, string passagesSql, string questionsSql)
        {
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false }.ToString());
            _connection.Open();
            source.BackupDatabase(_connection);
            _passagesSql = passagesSql;
            _questionsSql = questionsSql;
            _countPassages = Prepare("SELECT count(*) FROM passages WHERE passages MATCH $query");
            _countQuestions = Prepare("SELECT count(*) FROM questions WHERE questions MATCH $query");
            _postingsPassages = Prepare(passagesSql[..passagesSql.IndexOf(" ORDER BY", StringComparison.Ordinal)]);
            _postingsQuestions = Prepare(questionsSql[..questionsSql.IndexOf(" ORDER BY", StringComparison.Ordinal)]);
        }

        /// <summary>Every row one phrase matches, with the phrase's bm25 term there.</summary>
        public Postings Postings(string phrase, bool questions)
        {
            var command = questions ? _postingsQuestions : _postingsPassages;
            command.Parameters[0].Value = phrase;
            var rows = new List<int>();
            var scores = new List<double>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(reader.GetInt32(0));
                scores.Add(reader.GetDouble(1));
            }

            return new Postings([.. rows], [.. scores]);
        }

        public int Count(string expression, bool questions)
        {
            var command = questions ? _countQuestions : _countPassages;
            command.Parameters[0].Value = expression;
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        public List<PassageHit> Run(string expression, int limit, bool questions)
        {
            if (!_commands.TryGetValue((questions, limit), out var command))
            {
                var sql = (questions ? _questionsSql : _passagesSql) + limit.ToString(CultureInfo.InvariantCulture);
                _commands[(questions, limit)] = command = Prepare(sql);
            }

            command.Parameters[0].Value = expression;
            var hits = new List<PassageHit>(Math.Min(limit, 64));
            using var reader = command.ExecuteReader();
            while (reader.Read()) hits.Add(new PassageHit(reader.GetInt32(0), reader.GetDouble(1)));
            return hits;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values) command.Dispose();
            _countPassages.Dispose();
            _countQuestions.Dispose();
            _postingsPassages.Dispose();
            _postingsQuestions.Dispose();
            _connection.Dispose();
        }

        private SqliteCommand Prepare(string sql)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add("$query", SqliteType.Text).Value = string.Empty;
            command.Prepare();
            return command;
        }
    }

    /// <summary>The rows one phrase matches in one table and its bm25 term in each (see <see cref="FromPostings"/>).</summary>
    private sealed record Postings(int[] Rows, double[] Scores);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"SqliteSearchIndex({PassageCount} passages)");
}

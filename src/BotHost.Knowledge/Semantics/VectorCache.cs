using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BotHost.Knowledge.Semantics;

/// <summary>
/// Vectors of knowledge texts (articles, labelled example messages) kept on disk between runs, keyed by a SHA-256 of
/// the model id, the kind and the text, so a (re)load embeds only what changed. A SQLite file: several processes (the
/// test projects, a host and its CLI) may share it. Member messages never go in. Entries unused for
/// <see cref="RetentionDays"/> are removed when the cache is opened, so edited texts do not pile up.
/// Lookups read in deferred transactions (readers never wait for each other); a write that another process keeps
/// locked for longer than the busy timeout is skipped rather than failing the load (the vectors are still returned:
/// only a later load embeds them again), and counted in <see cref="SkippedWrites"/>.
/// </summary>
public sealed class VectorCache : IDisposable
{
    /// <summary>How long a vector no knowledge base asked for is kept.</summary>
    public const int RetentionDays = 30;

    /// <summary>How much of the file SQLite reads through a memory map (address space, not memory: pages are shared with the OS file cache).</summary>
    private const long MapBytes = 1L << 30;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private static readonly AsyncLocal<SkippedWriteCount?> CurrentCount = new();
    private long _skippedWrites;

    static VectorCache() => SQLitePCL.Batteries_V2.Init();

    private VectorCache(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Writes (new vectors, use dates, the pruning at open) skipped because another process held the file locked.</summary>
    public long SkippedWrites => Interlocked.Read(ref _skippedWrites);

    /// <summary>
    /// Starts counting the writes skipped by the calling flow and the tasks it starts (a knowledge base's build), not
    /// those of another build running at the same time on the same cache; disposing the count ends it.
    /// </summary>
    public static SkippedWriteCount CountSkippedWrites()
    {
        var count = new SkippedWriteCount(CurrentCount.Value);
        CurrentCount.Value = count;
        return count;
    }

    /// <summary>Opens (creating when needed) the cache file; throws when the file cannot be opened or is not a cache.</summary>
    public static VectorCache Open(string path, TimeProvider time) => Open(path, time, TimeSpan.FromSeconds(10));

    /// <param name="path">The cache file.</param>
    /// <param name="time">The clock of the use dates.</param>
    /// <param name="busyTimeout">How long a statement waits for a lock another process holds (tests shorten it).</param>
    internal static VectorCache Open(string path, TimeProvider time, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            Execute(connection, "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL, used INTEGER NOT NULL) WITHOUT ROWID;");
            var cache = new VectorCache(connection, full);
            cache.TryWrite(() =>
            {
                using var prune = connection.CreateCommand();
                prune.CommandText = "DELETE FROM vectors WHERE used < $oldest;";
                prune.Parameters.AddWithValue("$oldest", Today(time) - RetentionDays);
                prune.ExecuteNonQuery();
            });
            return cache;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The vectors of <paramref name="texts"/>: those in the cache from it, the others embedded (in batches) and added.
    /// Marks every returned vector as used today.
    /// </summary>
    public IReadOnlyList<float[]> GetOrEncode(ISentenceEncoder encoder, IReadOnlyList<string> texts, EmbeddingKind kind, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(time);
        var keys = texts.Select(t => Key(encoder.ModelId, kind, t)).ToArray();
        var vectors = new float[texts.Count][];
        var today = Today(time);
        lock (_gate)
        {
            // The lookups read through a memory map rather than a read call per page (a rebuild of many articles looks
            // up every vector, each a walk down the key b-tree and its overflow page: a vector is larger than a page's
            // share), unmapped again afterwards so the file's pages do not stay in the process's resident memory.
            Execute(_connection, $"PRAGMA mmap_size = {MapBytes};");
            try
            {
                Read(keys, vectors, encoder.Dimensions * sizeof(float), today);
            }
            finally
            {
                Execute(_connection, "PRAGMA mmap_size = 0;");
            }

            var missing = Enumerable.Range(0, texts.Count).Where(i => vectors[i] is null).ToArray();
            if (missing.Length == 0) return vectors;
            Insert(encoder, texts, kind, keys, vectors, missing, today);
        }

        return vectors;
    }

    /// <summary>The cached vectors of <paramref name="keys"/> into <paramref name="vectors"/> (null where there is none), each marked used today.</summary>
    /// <remarks>
    /// A rebuild of 10,000 articles looks up 110,000 vectors: through SQLite's own statement (prepared once, bound and
    /// stepped per key, the blob copied straight into the vector) rather than a data reader per key, whose objects
    /// were about a third of the semantic index's allocations at that size (1,054 against 738 MB).
    /// </remarks>
    private void Read(byte[][] keys, float[][] vectors, int size, long today)
    {
        // In key order, so consecutive lookups walk down the same b-tree pages.
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(order, (x, y) => keys[x].AsSpan().SequenceCompareTo(keys[y]));
        var stale = new List<byte[]>();
        using (var transaction = _connection.BeginTransaction(deferred: true))
        {
            var database = _connection.Handle!;
            Check(database, raw.sqlite3_prepare_v2(database, "SELECT vector, used FROM vectors WHERE key = ?1;", out var select));
            try
            {
                foreach (var i in order)
                {
                    Check(database, raw.sqlite3_bind_blob(select, 1, keys[i]));
                    var step = raw.sqlite3_step(select);
                    try
                    {
                        if (step == raw.SQLITE_DONE) continue;
                        if (step != raw.SQLITE_ROW) Check(database, step);
                        var blob = raw.sqlite3_column_blob(select, 0);
                        if (blob.Length != size) continue;
                        vectors[i] = MemoryMarshal.Cast<byte, float>(blob).ToArray();

                        // A vector already marked today is not written again: a reload the same day only reads.
                        if (raw.sqlite3_column_int64(select, 1) < today) stale.Add(keys[i]);
                    }
                    finally
                    {
                        raw.sqlite3_reset(select);
                    }
                }
            }
            finally
            {
                select.Dispose();
            }

            transaction.Commit();
        }

        if (stale.Count == 0) return;
        TryWrite(() =>
        {
            using var transaction = _connection.BeginTransaction();
            using var touch = _connection.CreateCommand();
            touch.Transaction = transaction;
            touch.CommandText = "UPDATE vectors SET used = $today WHERE key = $key;";
            var touchKey = touch.Parameters.Add("$key", SqliteType.Blob);
            touch.Parameters.AddWithValue("$today", today);
            foreach (var key in stale)
            {
                touchKey.Value = key;
                touch.ExecuteNonQuery();
            }

            transaction.Commit();
        });
    }

    /// <summary>Runs a write; when another process keeps the file locked past the busy timeout, skips it and counts it.</summary>
    private void TryWrite(Action write)
    {
        try
        {
            write();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
        {
            Interlocked.Increment(ref _skippedWrites);
            CurrentCount.Value?.Add();
        }
    }

    private static void Check(sqlite3 database, int result)
    {
        if (result != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), result);
    }

    private void Insert(ISentenceEncoder encoder, IReadOnlyList<string> texts, EmbeddingKind kind, byte[][] keys, float[][] vectors, int[] missing, long today)
    {
        var encoded = encoder.Encode([.. missing.Select(i => texts[i])], kind);
        for (var j = 0; j < missing.Length; j++) vectors[missing[j]] = encoded[j];
        TryWrite(() =>
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO vectors (key, vector, used) VALUES ($key, $vector, $today);";
            var key = insert.Parameters.Add("$key", SqliteType.Blob);
            var vector = insert.Parameters.Add("$vector", SqliteType.Blob);
            insert.Parameters.AddWithValue("$today", today);
            for (var j = 0; j < missing.Length; j++)
            {
                key.Value = keys[missing[j]];
                vector.Value = MemoryMarshal.AsBytes(encoded[j].AsSpan()).ToArray();
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        });
    }

    /// <summary>How many vectors the cache holds.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                using var count = _connection.CreateCommand();
                count.CommandText = "SELECT count(*) FROM vectors;";
                return (long)count.ExecuteScalar()!;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate) _connection.Dispose();
    }

    /// <summary>SHA-256 of model id, kind and text (each UTF-8, separated by a zero byte).</summary>
    internal static byte[] Key(string modelId, EmbeddingKind kind, string text) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{modelId}\0{kind}\0{text}"));

    private static long Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).DayNumber;

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The writes skipped within one flow (see <see cref="CountSkippedWrites"/>); an enclosing count sees them too.</summary>
    public sealed class SkippedWriteCount : IDisposable
    {
        private readonly SkippedWriteCount? _outer;
        private long _count;

        internal SkippedWriteCount(SkippedWriteCount? outer) => _outer = outer;

        public long Count => Interlocked.Read(ref _count);

        internal void Add()
        {
            Interlocked.Increment(ref _count);
            _outer?.Add();
        }

        /// <summary>Ends the count: later skips in this flow go to the enclosing count, if any.</summary>
        public void Dispose()
        {
            if (CurrentCount.Value == this) CurrentCount.Value = _outer;
        }
    }
}

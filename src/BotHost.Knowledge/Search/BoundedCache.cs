namespace BotHost.Knowledge.Search;

/// <summary>
/// A cache that never holds more than its capacity, whatever keys it is given (members' messages included): two
/// generations, a lookup checks the current one and then the previous one (copying a hit forward); when the current one
/// holds half the capacity it becomes the previous one, the old previous one is dropped and a new one starts. Entries
/// used in the last half-capacity insertions survive; the rest go without any bookkeeping per lookup. Thread-safe.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly int _generation;
    private readonly Lock _gate = new();
    private Dictionary<TKey, TValue> _current = [];
    private Dictionary<TKey, TValue> _previous = [];

    /// <param name="capacity">Entries held at most (at least 2).</param>
    public BoundedCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Capacity = capacity;
        _generation = capacity / 2;
    }

    public int Capacity { get; }

    /// <summary>Entries held now (an entry copied forward counts in both generations), never more than <see cref="Capacity"/>.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _current.Count + _previous.Count;
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_current.TryGetValue(key, out value!)) return true;
            if (!_previous.TryGetValue(key, out value!)) return false;
            Put(key, value);
            return true;
        }
    }

    public void Add(TKey key, TValue value)
    {
        lock (_gate) Put(key, value);
    }

    private void Put(TKey key, TValue value)
    {
        if (_current.Count >= _generation && !_current.ContainsKey(key))
        {
            _previous = _current;
            _current = new Dictionary<TKey, TValue>(_generation);
        }

        _current[key] = value;
    }
}

/// <summary>
/// The key a repeated message is recognised by: a SHA-256 (its first 128 bits) of the message with its case and runs of
/// white space folded, so the cache holds no member's words, and "How do I report?" finds "how do i  report?". Folding
/// changes neither answer nor vector: the index and the (uncased) encoder both lower-case, and both split on white space.
/// </summary>
internal static class MessageKey
{
    public static UInt128 Of(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var folded = new System.Text.StringBuilder(message.Length);
        var space = false;
        foreach (var c in message.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space) folded.Append(' ');
            space = false;
            folded.Append(char.ToLowerInvariant(c));
        }

        return Hash(folded.ToString());
    }

    /// <summary>As <see cref="Of"/> for the exact text (case and spaces as written): for results that may depend on them.</summary>
    public static UInt128 Exact(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Hash(message);
    }

    private static UInt128 Hash(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text), hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}

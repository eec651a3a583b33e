using System.Security.Cryptography;

namespace BotHost.Knowledge.Safety;

/// <summary>
/// The safety detectors' trained models kept on disk between loads, in a folder beside the vector cache
/// (<see cref="Semantics.VectorCache"/>), one file per training: a load whose training rows, settings and code are the
/// same as an earlier one's reads the models back instead of training them again. The file's name is the training's key,
/// a SHA-256 in the vector cache's style (see <see cref="SemanticTraining.UrgentKey"/> and <see cref="SemanticTraining.RefusalKey"/>:
/// the model id, every row's label and text, the settings and the code's version; each detector's key covers only its
/// own rows, so an edit retrains only the detectors that read what changed). A file is written whole under another name and then renamed, so several
/// processes may share the folder; a file that is truncated, altered or of another key is ignored and written again.
/// Only knowledge texts' derived data goes in (example messages and articles' questions), never member messages.
/// </summary>
internal sealed class TrainedModelCache
{
    /// <summary>The folder's name beside the vector cache file.</summary>
    public const string FolderName = "trained";

    /// <summary>How long a file no load asked for is kept (as the vector cache's <see cref="Semantics.VectorCache.RetentionDays"/>).</summary>
    public const int RetentionDays = Semantics.VectorCache.RetentionDays;

    /// <summary>The first bytes of every file ("BHTM": BotHost trained models), then <see cref="FormatVersion"/>.</summary>
    private const int Magic = 0x4D544842;

    /// <summary>The layout's version: a file of another is ignored.</summary>
    private const int FormatVersion = 1;

    private const int HashBytes = 32;

    private readonly TimeProvider _time;

    public TrainedModelCache(string folder, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(time);
        Folder = Path.GetFullPath(folder);
        _time = time;
    }

    public string Folder { get; }

    /// <summary>The cache beside a vector cache file; null when there is none (no vector cache: nothing is kept on disk).</summary>
    public static TrainedModelCache? Beside(string? vectorCachePath, TimeProvider time) =>
        string.IsNullOrEmpty(vectorCachePath) ? null : new TrainedModelCache(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(vectorCachePath))!, FolderName), time);

    /// <summary>
    /// A training's key: SHA-256 of its kind, the code's version (this assembly's module version id, which a deterministic
    /// build changes exactly when the code does), the model id and the vectors' length, then what <paramref name="body"/>
    /// adds, each value ended by a zero byte. The rows' vectors follow from the model id and the texts, as the vector
    /// cache's keys say.
    /// </summary>
    public static byte[] Key(string kind, string modelId, int dimensions, Action<Action<string>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string value)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(value));
            hash.AppendData([0]);
        }

        Add(kind);
        Add(typeof(TrainedModelCache).Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        Add(modelId);
        Add(dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        body(Add);
        return hash.GetHashAndReset();
    }

    /// <summary>The bytes <paramref name="write"/> writes: a payload for <see cref="Write"/>.</summary>
    public static byte[] Payload(Action<BinaryWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    /// <summary>What <paramref name="read"/> makes of a whole payload; null when it reads less than all of it or the data does not describe it.</summary>
    public static T? Restore<T>(byte[] payload, Func<BinaryReader, T?> read)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false));
            var value = read(reader);
            return value is not null && reader.BaseStream.Position == payload.Length ? value : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The file of a key.</summary>
    public string PathOf(ReadOnlySpan<byte> key) => Path.Combine(Folder, Convert.ToHexStringLower(key) + ".bin");

    /// <summary>
    /// The models stored under <paramref name="key"/>, or null when there is no file, it cannot be read, or it is not a whole
    /// file of this key (its checksum, length, layout version or key differ). A file read is marked as used now.
    /// </summary>
    public byte[]? TryRead(ReadOnlySpan<byte> key)
    {
        var path = PathOf(key);
        byte[] bytes;
        try
        {
            if (!File.Exists(path)) return null;
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var payload = Unwrap(bytes, key);
        if (payload is null) return null;
        try
        {
            File.SetLastWriteTimeUtc(path, _time.GetUtcNow().UtcDateTime);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Read-only folder: the file still serves; only its age for pruning is not refreshed.
        }

        return payload;
    }

    /// <summary>
    /// Stores <paramref name="payload"/> under <paramref name="key"/> (replacing any file there) and removes files unused for
    /// <see cref="RetentionDays"/>. False when the folder cannot be written (the models are then trained on each load).
    /// </summary>
    public bool Write(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload)
    {
        var path = PathOf(key);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(Wrap(key, payload));
            }

            File.SetLastWriteTimeUtc(temporary, _time.GetUtcNow().UtcDateTime);
            File.Move(temporary, path, overwrite: true);
            Prune();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return false;
        }
    }

    /// <summary>Magic, layout version, key, payload length, payload, then the SHA-256 of everything before it.</summary>
    private static byte[] Wrap(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[4 + 4 + HashBytes + 4 + payload.Length + HashBytes];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), Magic);
        BitConverter.TryWriteBytes(bytes.AsSpan(4, 4), FormatVersion);
        key.CopyTo(bytes.AsSpan(8, HashBytes));
        BitConverter.TryWriteBytes(bytes.AsSpan(8 + HashBytes, 4), payload.Length);
        payload.CopyTo(bytes.AsSpan(12 + HashBytes));
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashBytes), bytes.AsSpan(bytes.Length - HashBytes));
        return bytes;
    }

    private static byte[]? Unwrap(byte[] bytes, ReadOnlySpan<byte> key)
    {
        const int header = 12 + HashBytes;
        if (key.Length != HashBytes || bytes.Length < header + HashBytes) return null;
        if (BitConverter.ToInt32(bytes, 0) != Magic || BitConverter.ToInt32(bytes, 4) != FormatVersion) return null;
        if (!bytes.AsSpan(8, HashBytes).SequenceEqual(key)) return null;
        var length = BitConverter.ToInt32(bytes, 8 + HashBytes);
        if (length < 0 || length != bytes.Length - header - HashBytes) return null;
        Span<byte> checksum = stackalloc byte[HashBytes];
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashBytes), checksum);
        return checksum.SequenceEqual(bytes.AsSpan(bytes.Length - HashBytes)) ? bytes[header..(header + length)] : null;
    }

    private void Prune()
    {
        var oldest = _time.GetUtcNow().UtcDateTime.AddDays(-RetentionDays);
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            var name = Path.GetFileName(file);
            var stale = name.EndsWith(".bin", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.Ordinal);
            if (stale && File.GetLastWriteTimeUtc(file) < oldest) TryDelete(file);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another process may hold or have removed it; it is pruned on a later write.
        }
    }
}

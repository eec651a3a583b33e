namespace BotHost.Knowledge.Tests.Safety;

/// <summary>
/// A model written the way the trained-model cache stores it and read back: the round trip every trained model's
/// tests take.
/// </summary>
internal static class BinaryRoundTrip
{
    /// <summary>What <paramref name="read"/> gives for the bytes <paramref name="write"/> wrote; fails if it leaves any unread.</summary>
    public static T Of<T>(Action<BinaryWriter> write, Func<BinaryReader, T> read)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) write(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);

        var result = read(reader);

        Assert.Equal(stream.Length, stream.Position);
        return result;
    }
}

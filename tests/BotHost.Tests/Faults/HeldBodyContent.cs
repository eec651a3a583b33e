using System.Net;

namespace BotHost.Tests.Faults;

/// <summary>
/// A request body sent in two parts: the first when the server asks for it (so the request is known to be inside the
/// endpoint), the rest only when the test calls <see cref="Finish"/>. Keeps a request in flight on purpose.
/// </summary>
internal sealed class HeldBodyContent(byte[] body) : HttpContent
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the server has started reading the body.</summary>
    public Task Started => _started.Task;

    public void Finish() => _finish.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var half = body.Length / 2;
        await stream.WriteAsync(body.AsMemory(0, half));
        await stream.FlushAsync();
        _started.TrySetResult();
        await _finish.Task;
        await stream.WriteAsync(body.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}

using BotHost.Core.Messages;
using BotHost.Core.Pipeline;

namespace BotHost.Discord.Tests.Fakes;

/// <summary>
/// A first pipeline step that holds the thread it runs on, without awaiting, until the test lets it go: an answer that
/// is slow because it is CPU-bound (a long question on a busy machine), not because it waits for I/O.
/// </summary>
internal sealed class BusyHandler : IMessageHandler, IDisposable
{
    /// <summary>A bound so a failing test cannot hold a thread for ever; no test waits for it.</summary>
    private static readonly TimeSpan SafetyLimit = TimeSpan.FromSeconds(30);

    private readonly ManualResetEventSlim _done = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _busy;

    public int Order => 0;

    /// <summary>True while a message holds its thread here.</summary>
    public bool IsBusy => _busy;

    /// <summary>Completes once a message has begun holding its thread here (the pipeline may start it late on a busy machine).</summary>
    public Task Started => _started.Task;

    public void Finish() => _done.Set();

    public ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        _busy = true;
        _started.TrySetResult();
        _done.Wait(SafetyLimit, CancellationToken.None);
        _busy = false;
        return ValueTask.FromResult<Reply?>(null);
    }

    public void Dispose() => _done.Dispose();
}

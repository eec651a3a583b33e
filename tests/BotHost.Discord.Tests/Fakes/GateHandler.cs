using BotHost.Core.Messages;
using BotHost.Core.Pipeline;

namespace BotHost.Discord.Tests.Fakes;

/// <summary>A first pipeline step that holds every message until the test opens the gate: an answer that is slow to come.</summary>
internal sealed class GateHandler : IMessageHandler
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Order => 0;

    public void Open() => _open.TrySetResult();

    public async ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken)
    {
        await _open.Task.WaitAsync(cancellationToken);
        return null;
    }
}

using System.Text.Json;
using System.Threading.Channels;
using BotHost.Discord.Gateway;

namespace BotHost.Discord.Tests.Gateway;

/// <summary>Keeps every dispatch the client hands over (name and a copy of <c>d</c>); throws for the events it is told to.</summary>
internal sealed class RecordingDispatchHandler : IGatewayDispatchHandler
{
    private readonly Channel<(string Name, JsonElement Data)> _received = Channel.CreateUnbounded<(string, JsonElement)>();

    /// <summary>Events whose handling throws, as a broken handler would.</summary>
    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    public ValueTask HandleAsync(string eventName, JsonElement data, CancellationToken cancellationToken)
    {
        _received.Writer.TryWrite((eventName, data.Clone()));
        if (Failing.Contains(eventName)) throw new InvalidOperationException("handler failure for the test");
        return ValueTask.CompletedTask;
    }

    /// <summary>The next dispatch received.</summary>
    public async Task<(string Name, JsonElement Data)> NextAsync() =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
}

using System.Diagnostics.CodeAnalysis;
using BotHost.Core.Telemetry;

namespace BotHost.Core.Adapters;

/// <summary>
/// Work that outlives the request or dispatch that started it (answering a message after the platform was
/// acknowledged, editing a deferred response), run by a few workers. Bounded: when full or stopping, work is refused
/// (logged, and counted in <c>bothost_replies_shed</c>) and the adapter says so to its platform. The implementation is <see cref="BackgroundReplyQueue"/>.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue: bounded, first in, first out.")]
public interface IReplyQueue
{
    /// <summary>Items waiting for a worker.</summary>
    int Pending { get; }

    /// <summary>Cancelled when the drain time at shutdown is over; work started outside the queue for it can use it too.</summary>
    CancellationToken Stopping { get; }

    /// <summary>
    /// Queues <paramref name="work"/> inside the current trace (the message span is then ended by the worker); false when
    /// the queue is full or stopping, and the trace stays with the caller. <paramref name="platform"/> tags the refusal in
    /// <c>bothost_replies_shed</c>; <paramref name="kind"/> names the work in logs (never member text).
    /// </summary>
    bool TryEnqueue(string platform, string kind, Func<CancellationToken, Task> work);

    /// <summary>
    /// Queues <paramref name="work"/> inside <paramref name="trace"/>, captured earlier by the caller; when refused, the
    /// trace is ended here.
    /// </summary>
    bool TryEnqueue(string platform, string kind, Func<CancellationToken, Task> work, QueuedTrace trace);
}

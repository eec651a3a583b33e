using BotHost.Core.Telemetry;

namespace BotHost.Core.Adapters;

/// <summary>
/// Work waiting in <see cref="BackgroundReplyQueue"/>; <see cref="Kind"/> names it in logs (never member text) and
/// <see cref="Trace"/> carries the message's span to the worker, which ends it once the reply is sent.
/// </summary>
internal sealed record QueuedReply(string Kind, Func<CancellationToken, Task> Work, QueuedTrace Trace);

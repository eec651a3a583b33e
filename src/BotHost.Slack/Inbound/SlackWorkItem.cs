using BotHost.Core.Telemetry;

namespace BotHost.Slack.Inbound;

/// <summary>
/// Work to do after Slack has been acknowledged; <see cref="Kind"/> names it in logs (never member text);
/// <see cref="Trace"/> carries the message's span to the worker, which ends it once the reply is sent.
/// </summary>
internal sealed record SlackWorkItem(string Kind, Func<CancellationToken, Task> Work, QueuedTrace Trace);

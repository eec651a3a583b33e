using BotHost.Discord.Wire;

namespace BotHost.Discord.Interactions;

/// <summary>
/// The response to send now and, when the answer was not ready within the deadline, the work that edits the deferred
/// response later. <see cref="After"/> must start only once the response has been sent.
/// </summary>
internal sealed record InteractionOutcome(InteractionResponse Response, Func<CancellationToken, Task>? After = null);

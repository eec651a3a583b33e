namespace BotHost.Core.Pipeline;

/// <summary>
/// One step of the pipeline. Handlers run in <see cref="Order"/>; the first to return a reply wins
/// (excluded channels, rate limit, commands, urgent help, refusal, then the knowledge answer).
/// </summary>
public interface IMessageHandler
{
    /// <summary>Lower runs first; see <see cref="HandlerOrder"/>.</summary>
    int Order { get; }

    ValueTask<Messages.Reply?> HandleAsync(MessageContext context, CancellationToken cancellationToken);
}

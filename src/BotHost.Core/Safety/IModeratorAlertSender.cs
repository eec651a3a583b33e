namespace BotHost.Core.Safety;

/// <summary>Sends moderator alerts on one platform; each chat adapter provides one.</summary>
public interface IModeratorAlertSender
{
    /// <summary>"discord", "slack", ... matching <see cref="Messages.IncomingMessage.Platform"/>.</summary>
    string Platform { get; }

    Task SendAsync(ModeratorAlert alert, CancellationToken cancellationToken);
}

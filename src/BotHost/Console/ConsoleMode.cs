namespace BotHost.Console;

/// <summary>Who may use the console and what it may change.</summary>
public enum ConsoleMode
{
    /// <summary>Under <c>serve</c>: admins sign in with the admin token, moderators with their community's token.</summary>
    Served,

    /// <summary>
    /// Under <c>kb preview</c>: a maintainer's own checkout on loopback, no tokens, everyone is an admin. Nothing is
    /// sent to a chat platform and nothing is recorded in the analytics store.
    /// </summary>
    LocalPreview,
}

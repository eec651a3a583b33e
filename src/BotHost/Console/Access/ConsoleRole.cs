namespace BotHost.Console.Access;

/// <summary>What a signed-in console user may see.</summary>
public enum ConsoleRole
{
    /// <summary>Everything, and the reload button: signed in with the admin token (or any <c>kb preview</c> user).</summary>
    Admin,

    /// <summary>Read-only gaps and feedback of one community: signed in with that community's moderator token.</summary>
    Moderator,
}

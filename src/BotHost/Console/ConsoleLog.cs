namespace BotHost.Console;

/// <summary>What the console says when <c>serve</c> starts with it.</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(Level = LogLevel.Information, EventId = 60, Message = "Web console at /console: admin sign-in {Admin}; {Moderators} communities with a moderator token")]
    public static partial void Served(ILogger logger, string admin, int moderators);
}

using System.Net;

namespace BotHost.Discord.Rest;

/// <summary>A Discord REST call that failed. The message names the route template and Discord's code, never a token or member text.</summary>
public sealed class DiscordApiException : Exception
{
    public DiscordApiException()
    {
    }

    public DiscordApiException(string message)
        : base(message)
    {
    }

    public DiscordApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DiscordApiException(string route, HttpStatusCode status, int? code, string? discordMessage)
        : base($"Discord {route} failed: HTTP {(int)status}{(code is { } c ? $", code {c}" : string.Empty)}{(discordMessage is { Length: > 0 } m ? $" ({m})" : string.Empty)}")
    {
        Status = status;
        Code = code;
    }

    public HttpStatusCode? Status { get; }

    /// <summary>Discord's JSON error code (50007: cannot send messages to this user, ...).</summary>
    public int? Code { get; }
}

namespace BotHost.Discord.Wire;

/// <summary>A JSON error body (<c>code</c> and <c>message</c>), e.g. 50007 "Cannot send messages to this user".</summary>
internal sealed record ErrorBody
{
    public int Code { get; init; }

    public string? Message { get; init; }
}

namespace BotHost.Discord.Wire;

/// <summary>Makes a message a reply; <c>fail_if_not_exists: false</c> posts it anyway when the asked message is gone.</summary>
internal sealed record MessageReference(string MessageId)
{
    public bool FailIfNotExists { get; init; }
}

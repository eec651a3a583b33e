namespace BotHost.Core.Messages;

/// <summary>Where a reply goes (decided by <see cref="ReplyRouting"/>).</summary>
public enum ReplyDestination
{
    /// <summary>Nothing is sent.</summary>
    None,

    /// <summary>In the conversation the message came from: the mention's thread, the DM itself, a command's channel.</summary>
    Channel,

    /// <summary>By direct message to the asker.</summary>
    DirectMessage,

    /// <summary>A message only the asker sees (Discord's ephemeral interaction response, Slack's ephemeral message).</summary>
    AskerOnly,
}

namespace BotHost.Discord.Gateway;

/// <summary>Gateway opcodes the client uses (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-opcodes).</summary>
internal enum GatewayOpcode
{
    /// <summary>Receive: an event (<c>t</c>) with its sequence number (<c>s</c>).</summary>
    Dispatch = 0,

    /// <summary>Send: keep the connection alive; receive: send one now.</summary>
    Heartbeat = 1,

    /// <summary>Send: start a new session.</summary>
    Identify = 2,

    /// <summary>Send: resume a dropped session and replay what was missed.</summary>
    Resume = 6,

    /// <summary>Receive: reconnect and resume.</summary>
    Reconnect = 7,

    /// <summary>Receive: the session is invalid; <c>d</c> says whether it can be resumed.</summary>
    InvalidSession = 9,

    /// <summary>Receive: first payload of a connection, with the heartbeat interval.</summary>
    Hello = 10,

    /// <summary>Receive: a heartbeat was received.</summary>
    HeartbeatAck = 11,
}

namespace BotHost.Discord.Gateway;

/// <summary>Why a gateway connection ended, and so what the client does next.</summary>
internal enum GatewayEndKind
{
    /// <summary>The host is stopping: the client closed with 1000 and stops.</summary>
    Stopping,

    /// <summary>Dropped, zombie, closed with a resumable code, or never got going: back off, then resume if there is a session.</summary>
    Dropped,

    /// <summary>RECONNECT (op 7) or INVALID_SESSION with <c>d:true</c>: resume at once.</summary>
    Reconnect,

    /// <summary>INVALID_SESSION with <c>d:false</c>: wait 1-5 s at random, then IDENTIFY a new session.</summary>
    InvalidSession,

    /// <summary>Closed with 4007 or 4009: back off, then IDENTIFY a new session.</summary>
    NewSession,

    /// <summary>A cause that retrying cannot fix (4004, 4010-4014, a rejected token): stop for good.</summary>
    Fatal,
}

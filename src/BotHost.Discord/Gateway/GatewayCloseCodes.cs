using System.Net.WebSockets;

namespace BotHost.Discord.Gateway;

/// <summary>
/// Gateway close codes and what each means for the client (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes)
///: most are resumable, 4007 and 4009 need a new session, and 4004 and 4010-4014 can
/// never succeed without a change of settings, so the client stops.
/// </summary>
internal static class GatewayCloseCodes
{
    public const int AuthenticationFailed = 4004;
    public const int InvalidSequence = 4007;
    public const int SessionTimedOut = 4009;
    public const int InvalidShard = 4010;
    public const int ShardingRequired = 4011;
    public const int InvalidApiVersion = 4012;
    public const int InvalidIntents = 4013;
    public const int DisallowedIntents = 4014;

    /// <summary>
    /// What the client closes with when it leaves to reconnect (zombie connection, RECONNECT, INVALID_SESSION): any code
    /// but 1000 and 1001, which would end the session (https://discord.com/developers/docs/events/gateway#heartbeat-interval); 4000 as discord.py.
    /// </summary>
    public static readonly WebSocketCloseStatus Reconnecting = (WebSocketCloseStatus)4000;

    /// <summary>The cause and the fix when <paramref name="code"/> must not be retried; null when it may be.</summary>
    public static string? FatalCause(int? code) => code switch
    {
        AuthenticationFailed => "authentication failed: the bot token was rejected; check Discord__BotToken",
        InvalidShard => "invalid shard: check Discord__ShardId (0-based) and Discord__ShardCount",
        ShardingRequired => "sharding required: the bot is in too many guilds for one connection; set Discord__ShardCount (GET /gateway/bot recommends a count) and run one process per shard",
        InvalidApiVersion => "invalid API version: this build speaks gateway v10, which Discord no longer accepts; update BotHost",
        InvalidIntents => "invalid intents: Discord rejected the intents value sent in IDENTIFY; update BotHost",
        DisallowedIntents => "disallowed intents: a privileged intent is not enabled for this bot; enable it in the Developer Portal (Bot > Privileged Gateway Intents)",
        _ => null,
    };

    /// <summary>True when the session is gone and the client must IDENTIFY again rather than RESUME.</summary>
    public static bool StartsNewSession(int? code) => code is InvalidSequence or SessionTimedOut;
}

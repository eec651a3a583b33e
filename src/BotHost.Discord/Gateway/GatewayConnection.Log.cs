using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Gateway;

/// <summary>The connection's log messages: event names and codes only, never the token or payload content.</summary>
internal sealed partial class GatewayConnection
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway connection {Connection}: IDENTIFY as shard {ShardId} of {ShardCount}")]
    private partial void LogIdentifying(int connection, int shardId, int shardCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord gateway connection {Connection}: ended before IDENTIFY was sent")]
    private partial void LogIdentifyAbandoned(int connection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway connection {Connection}: RESUME after sequence {Sequence}")]
    private partial void LogResuming(int connection, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection {Connection}: Discord asked to reconnect (op 7)")]
    private partial void LogReconnectRequested(int connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection {Connection}: invalid session (op 9, resumable: {Resumable})")]
    private partial void LogInvalidSession(int connection, bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection {Connection}: no HELLO within {Seconds} s")]
    private partial void LogNoHello(int connection, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection {Connection}: HELLO without a heartbeat_interval")]
    private partial void LogBadHello(int connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection {Connection} dropped ({Error})")]
    private partial void LogDropped(int connection, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection {Connection}: closed by Discord with {Code}")]
    private partial void LogClosedByDiscord(int connection, int code);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord gateway connection {Connection}: closing failed; dropped instead")]
    private partial void LogCloseFailed(Exception exception, int connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection {Connection}: a payload that is not JSON was ignored")]
    private partial void LogUnreadable(int connection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord gateway connection {Connection}: opcode {Op} ignored")]
    private partial void LogUnexpectedOpcode(int connection, int op);
}

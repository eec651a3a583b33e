using System.Text.Json;
using BotHost.Discord.Gateway.Wire;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Gateway;

/// <summary>
/// Routes dispatches (op 0): READY starts the session (its id, <c>resume_gateway_url</c>, the bot's user id) and
/// RESUMED restores it, both marking the adapter connected; every other event goes to the
/// <see cref="IGatewayDispatchHandler"/>, whose failures are logged and never end the connection. Payloads are never
/// logged (member text is private): only event names, at Debug.
/// </summary>
internal sealed partial class GatewayDispatcher(
    GatewaySession session,
    IGatewayDispatchHandler handler,
    DiscordAdapter adapter,
    DiscordBotIdentity identity,
    ILogger logger)
{
    public const string Ready = "READY";
    public const string Resumed = "RESUMED";

    /// <summary>Handles one dispatch; true when it established the session (READY or RESUMED).</summary>
    public async ValueTask<bool> DispatchAsync(int connection, string? name, JsonElement data, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case null:
                return false;
            case Ready:
                return OnReady(connection, data);
            case Resumed:
                adapter.GatewayReady();
                LogResumed(connection, session.Sequence ?? 0);
                return true;
        }

        LogDispatch(connection, name);
        try
        {
            await handler.HandleAsync(name, data, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogDispatchCancelled(connection, name);
        }
        catch (Exception ex)
        {
            LogDispatchFailed(ex, connection, name);
        }

        return false;
    }

    private bool OnReady(int connection, JsonElement data)
    {
        var ready = Read(data);
        if (ready is not { SessionId: { Length: > 0 } sessionId, User.Id: { Length: > 0 } userId })
        {
            LogBadReady(connection);
            return false;
        }

        var resumeUrl = Uri.TryCreate(ready.ResumeGatewayUrl, UriKind.Absolute, out var url) && url.Scheme is "wss" or "ws" ? url : null;
        if (resumeUrl is null) LogNoResumeUrl(connection);
        session.Start(sessionId, resumeUrl);
        identity.Set(userId);
        adapter.GatewayReady();
        LogReady(connection, userId);
        return true;
    }

    private static ReadyData? Read(JsonElement data)
    {
        try
        {
            return data.ValueKind == JsonValueKind.Object ? data.Deserialize(GatewayJsonContext.Default.ReadyData) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway connection {Connection}: READY as user {UserId}")]
    private partial void LogReady(int connection, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway connection {Connection}: RESUMED after sequence {Sequence}")]
    private partial void LogResumed(int connection, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection {Connection}: READY without a session id or user id; ignored")]
    private partial void LogBadReady(int connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection {Connection}: READY without a usable resume_gateway_url; a dropped connection will IDENTIFY again")]
    private partial void LogNoResumeUrl(int connection);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord gateway connection {Connection}: dispatch {Event}")]
    private partial void LogDispatch(int connection, string @event);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord gateway connection {Connection}: handling {Event} was cancelled (stopping)")]
    private partial void LogDispatchCancelled(int connection, string @event);

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord gateway connection {Connection}: the handler of {Event} failed; the connection carries on")]
    private partial void LogDispatchFailed(Exception exception, int connection, string @event);
}

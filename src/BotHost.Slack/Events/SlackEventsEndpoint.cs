using System.Globalization;
using System.Text.Json;
using BotHost.Core.Telemetry;
using BotHost.Slack.Inbound;
using BotHost.Slack.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Events;

/// <summary>
/// <c>POST /slack/events</c>: the Events API request URL. <c>url_verification</c> echoes the challenge as plain text
/// (https://api.slack.com/events/url_verification); an <c>event_callback</c> is queued and acknowledged with an empty
/// 200 at once; retries carry <c>X-Slack-Retry-Num</c> / <c>X-Slack-Retry-Reason</c> and are answered once.
/// </summary>
internal sealed partial class SlackEventsEndpoint(SlackHttpRequestReader reader, SlackInbox inbox, ILogger<SlackEventsEndpoint> logger)
{
    public const string Path = "/slack/events";
    public const string UrlVerification = "url_verification";
    public const string AppRateLimited = "app_rate_limited";

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var span = BotTracing.StartMessage(SlackAdapter.PlatformName, "events_api");
        if (await reader.ReadAsync(context) is not { } request) return;
        if (!request.IsVerified)
        {
            await reader.RejectAsync(context, request.Verification);
            return;
        }

        var envelope = Parse(request.Body);
        switch (envelope?.Type)
        {
            case null:
                await SlackHttpRequestReader.WriteStatusAsync(context, StatusCodes.Status400BadRequest, noRetry: true);
                break;
            case UrlVerification:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(envelope.Challenge ?? string.Empty, context.RequestAborted);
                break;
            case SlackEventMapper.EventCallback:
                var headers = context.Request.Headers;
                var retryNum = int.TryParse(headers[SlackRequestHeaders.RetryNum], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                var result = await inbox.AcceptEventAsync(envelope, retryNum, headers[SlackRequestHeaders.RetryReason].FirstOrDefault(), context.RequestAborted);
                await SlackHttpRequestReader.AcknowledgeAsync(context, result);
                break;
            case AppRateLimited:
                LogAppRateLimited();
                await SlackHttpRequestReader.WriteStatusAsync(context, StatusCodes.Status200OK, noRetry: false);
                break;
            default:
                LogUnknownType(envelope.Type);
                await SlackHttpRequestReader.WriteStatusAsync(context, StatusCodes.Status200OK, noRetry: false);
                break;
        }
    }

    private static EventEnvelope? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, SlackJsonContext.Default.EventEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack says the app exceeded the Events API rate limit (app_rate_limited); some events were not delivered")]
    private partial void LogAppRateLimited();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack sent an Events API request of type {Type}; acknowledged")]
    private partial void LogUnknownType(string type);
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using BotHost.Slack.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Slack.Api;

/// <summary>
/// Slack's Web API and <c>response_url</c>s over HTTP: <c>Authorization: Bearer</c>, JSON bodies with
/// <c>application/json; charset=utf-8</c> (as https://github.com/slackapi/python-slack-sdk sends them, see
/// slack_sdk/web/base_client.py), <c>ok: false</c> turned into a value and one clear log line. HTTP 429 is answered
/// inside the client's handlers (AddSlack): the method waits its exact <c>Retry-After</c>
/// (<see cref="SlackRateLimitHandler"/>, https://docs.slack.dev/apis/web-api/rate-limits) and is retried at most
/// <see cref="SlackOptions.MaxRetries"/> times (<see cref="BotHost.Core.Adapters.PlatformHttpResilience"/>). Calls that
/// failed otherwise are not retried: every call is a POST, and a message may have been posted already.
/// </summary>
internal sealed partial class SlackApiClient(
    IHttpClientFactory httpClients, IOptions<SlackOptions> options, TimeProvider time, BotMetrics metrics,
    ILogger<SlackApiClient> logger)
{
    public const string WebApiClientName = "BotHost.Slack.WebApi";

    /// <summary>A client without request logging: a response_url is a credential for 30 minutes.</summary>
    public const string ResponseUrlClientName = "BotHost.Slack.ResponseUrl";

    /// <summary>Rate-limit key of all response_url calls.</summary>
    private const string ResponseUrlKey = "response_url";

    /// <summary>
    /// Where Slack's response_urls point (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses).
    /// A signed request can only carry Slack's own, but the bot never posts an answer to any other host.
    /// </summary>
    public const string ResponseUrlHost = "hooks.slack.com";

    /// <summary>https on Slack's hooks host, or the host of <see cref="SlackOptions.ApiBaseUrl"/> (a loopback test server).</summary>
    private bool IsSlackResponseUrl(Uri url) =>
        url.IsAbsoluteUri
        && ((url.Scheme == Uri.UriSchemeHttps && string.Equals(url.Host, ResponseUrlHost, StringComparison.OrdinalIgnoreCase))
            || (url.Scheme == options.Value.ApiBaseUrl.Scheme && string.Equals(url.Authority, options.Value.ApiBaseUrl.Authority, StringComparison.OrdinalIgnoreCase)));

    private static readonly MediaTypeHeaderValue JsonUtf8 = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    public Task<SlackApiResult<ChatPostMessageResponse>> PostMessageAsync(ChatPostMessageRequest request, CancellationToken cancellationToken) =>
        CallAsync(SlackApiMethods.ChatPostMessage, SlackTokenKind.Bot, request, SlackJsonContext.Default.ChatPostMessageRequest,
            SlackJsonContext.Default.ChatPostMessageResponse, cancellationToken);

    public Task<SlackApiResult<ChatPostEphemeralResponse>> PostEphemeralAsync(ChatPostEphemeralRequest request, CancellationToken cancellationToken) =>
        CallAsync(SlackApiMethods.ChatPostEphemeral, SlackTokenKind.Bot, request, SlackJsonContext.Default.ChatPostEphemeralRequest,
            SlackJsonContext.Default.ChatPostEphemeralResponse, cancellationToken);

    public Task<SlackApiResult<ConversationsOpenResponse>> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken) =>
        CallAsync(SlackApiMethods.ConversationsOpen, SlackTokenKind.Bot, new ConversationsOpenRequest(userId), SlackJsonContext.Default.ConversationsOpenRequest,
            SlackJsonContext.Default.ConversationsOpenResponse, cancellationToken);

    public Task<SlackApiResult<AuthTestResponse>> AuthTestAsync(CancellationToken cancellationToken) =>
        CallAsync(SlackApiMethods.AuthTest, SlackTokenKind.Bot, EmptyRequest.Instance, SlackJsonContext.Default.EmptyRequest,
            SlackJsonContext.Default.AuthTestResponse, cancellationToken);

    public Task<SlackApiResult<AppsConnectionsOpenResponse>> OpenSocketConnectionAsync(CancellationToken cancellationToken) =>
        CallAsync(SlackApiMethods.AppsConnectionsOpen, SlackTokenKind.App, EmptyRequest.Instance, SlackJsonContext.Default.EmptyRequest,
            SlackJsonContext.Default.AppsConnectionsOpenResponse, cancellationToken);

    /// <summary>
    /// Posts a message to a <c>response_url</c> (no token; usable 5 times within 30 minutes). Returns null on success,
    /// otherwise the error (Slack answers errors such as <c>invalid_blocks</c> or <c>expired_url</c> as the body).
    /// </summary>
    public async Task<string?> RespondAsync(Uri responseUrl, ResponseUrlMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(message);
        var body = JsonSerializer.SerializeToUtf8Bytes(message, SlackJsonContext.Default.ResponseUrlMessage);
        var http = httpClients.CreateClient(ResponseUrlClientName);
        using var stage = metrics.Stage(PipelineStages.PlatformCall, ResponseUrlKey);
        if (!IsSlackResponseUrl(responseUrl))
        {
            LogForeignResponseUrl();
            return Failed(stage, SlackApiErrors.ForeignResponseUrl);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(body) };
        request.Options.Set(SlackRateLimitHandler.Key, ResponseUrlKey);
        using var response = await SendAsync(http, request, ResponseUrlKey, cancellationToken);
        if (response is null) return Failed(stage, SlackApiErrors.Unreachable);
        if (response.StatusCode == HttpStatusCode.TooManyRequests) return Failed(stage, GaveUp(response, ResponseUrlKey));
        if (response.IsSuccessStatusCode) return null;
        var error = Failed(stage, await ErrorCodeAsync(response, cancellationToken));
        LogResponseUrlFailed((int)response.StatusCode, error, SlackApiErrors.Describe(error));
        return error;
    }

    private async Task<SlackApiResult<TResponse>> CallAsync<TRequest, TResponse>(string method, SlackTokenKind kind, TRequest request,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : SlackApiResponse
    {
        var token = kind == SlackTokenKind.Bot ? options.Value.BotToken : options.Value.AppToken;
        if (string.IsNullOrWhiteSpace(token))
        {
            LogNotConfigured(method, SlackApiErrors.Setting(kind));
            return SlackApiResult<TResponse>.Failure(SlackApiErrors.NotConfigured);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var http = httpClients.CreateClient(WebApiClientName);
        using var stage = metrics.Stage(PipelineStages.PlatformCall, method);
        using var message = new HttpRequestMessage(HttpMethod.Post, options.Value.MethodUrl(method)) { Content = Json(body) };
        message.Options.Set(SlackRateLimitHandler.Key, method);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await SendAsync(http, message, method, cancellationToken);
        if (response is null) return SlackApiResult<TResponse>.Failure(Failed(stage, SlackApiErrors.Unreachable));
        if (response.StatusCode == HttpStatusCode.TooManyRequests) return SlackApiResult<TResponse>.Failure(Failed(stage, GaveUp(response, method)));
        var result = await ReadAsync(method, kind, response, responseType, cancellationToken);
        if (!result.Ok) Failed(stage, result.Error ?? "unknown_error");
        return result;
    }

    private async Task<SlackApiResult<TResponse>> ReadAsync<TResponse>(string method, SlackTokenKind kind, HttpResponseMessage response,
        JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : SlackApiResponse
    {
        if (!response.IsSuccessStatusCode)
        {
            var code = $"http_{(int)response.StatusCode}";
            LogApiFailed(method, code, "Slack answered with an HTTP error");
            return SlackApiResult<TResponse>.Failure(code);
        }

        TResponse? parsed;
        try
        {
            parsed = await response.Content.ReadFromJsonAsync(responseType, cancellationToken);
        }
        catch (JsonException)
        {
            parsed = null;
        }

        if (parsed is null)
        {
            LogApiFailed(method, SlackApiErrors.InvalidResponse, SlackApiErrors.Describe(SlackApiErrors.InvalidResponse));
            return SlackApiResult<TResponse>.Failure(SlackApiErrors.InvalidResponse);
        }

        if (!parsed.Ok)
        {
            var error = string.IsNullOrEmpty(parsed.Error) ? "unknown_error" : parsed.Error;
            var description = SlackApiErrors.Describe(error, kind);
            if (SlackApiErrors.IsFatalAuth(error)) LogApiAuthFailed(method, error, description);
            else LogApiFailed(method, error, description);
            return SlackApiResult<TResponse>.Failure(error);
        }

        if (!string.IsNullOrEmpty(parsed.Warning)) LogApiWarning(method, parsed.Warning);
        return SlackApiResult<TResponse>.Success(parsed);
    }

    /// <summary>Sends; a network failure or timeout is logged and returned as null (never retried: it may have been delivered).</summary>
    private async Task<HttpResponseMessage?> SendAsync(HttpClient http, HttpRequestMessage request, string method, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(method, ex.HttpRequestError.ToString());
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(method, "timeout");
            return null;
        }
    }

    private static string Failed(StageScope stage, string error)
    {
        stage.Failed(error);
        return error;
    }

    /// <summary>A 429 that came back as the final answer: still limited after the allowed retries, or asked to wait too long.</summary>
    private string GaveUp(HttpResponseMessage response, string method)
    {
        LogRateLimitGaveUp(method, SlackRetryAfter.Of(response, time).TotalSeconds);
        return SlackApiErrors.RateLimited;
    }

    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        // Slack answers response_url errors with a bare code ("invalid_blocks", "expired_url"); anything else is not echoed.
        return text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterLower(c) || c == '_') ? text : $"http_{(int)response.StatusCode}";
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonUtf8;
        return content;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {Method} was not called: {Setting} is not set")]
    private partial void LogNotConfigured(string method, string setting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} failed with {Error}: {Advice}")]
    private partial void LogApiFailed(string method, string error, string advice);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {Method} failed with {Error}: {Advice}")]
    private partial void LogApiAuthFailed(string method, string error, string advice);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Method} succeeded with a warning: {Warning}")]
    private partial void LogApiWarning(string method, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} could not be reached ({Reason}); not retried, since it may have been delivered")]
    private partial void LogUnreachable(string method, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack rate limited {Method} (Retry-After {Seconds} s) past the allowed retries or wait; giving up")]
    private partial void LogRateLimitGaveUp(string method, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack response_url answered HTTP {Status} {Error}: {Advice}")]
    private partial void LogResponseUrlFailed(int status, string error, string advice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A response_url outside Slack's hooks host was not called; the answer was not sent")]
    private partial void LogForeignResponseUrl();
}

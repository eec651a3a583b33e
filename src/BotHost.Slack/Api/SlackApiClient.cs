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
/// <c>application/json; charset=utf-8</c> (https://github.com/slackapi/python-slack-sdk, slack_sdk/web/base_client.py), <c>ok: false</c> turned into a value and one clear
/// log line, and HTTP 429 answered by waiting <c>Retry-After</c> for that method (https://github.com/slackapi/node-slack-sdk, packages/web-api) and
/// retrying at most <see cref="SlackOptions.MaxRetries"/> times. Calls that failed otherwise are not retried: a
/// message may have been posted already.
/// </summary>
internal sealed partial class SlackApiClient(
    IHttpClientFactory httpClients, IOptions<SlackOptions> options, SlackRateLimiter limiter, TimeProvider time, BotMetrics metrics,
    ILogger<SlackApiClient> logger)
{
    public const string WebApiClientName = "BotHost.Slack.WebApi";

    /// <summary>A client without request logging: a response_url is a credential for 30 minutes.</summary>
    public const string ResponseUrlClientName = "BotHost.Slack.ResponseUrl";

    /// <summary>Rate-limit key of all response_url calls.</summary>
    private const string ResponseUrlKey = "response_url";

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
        for (var attempt = 0; ; attempt++)
        {
            await limiter.WaitAsync(ResponseUrlKey, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(body) };
            using var response = await SendAsync(http, request, ResponseUrlKey, cancellationToken);
            if (response is null) return Failed(stage, SlackApiErrors.Unreachable);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                if (!ShouldRetry(response, ResponseUrlKey, attempt)) return Failed(stage, SlackApiErrors.RateLimited);
                continue;
            }

            if (response.IsSuccessStatusCode) return null;
            var error = Failed(stage, await ErrorCodeAsync(response, cancellationToken));
            LogResponseUrlFailed((int)response.StatusCode, error, SlackApiErrors.Describe(error));
            return error;
        }
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
        for (var attempt = 0; ; attempt++)
        {
            await limiter.WaitAsync(method, cancellationToken);
            using var message = new HttpRequestMessage(HttpMethod.Post, options.Value.MethodUrl(method)) { Content = Json(body) };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await SendAsync(http, message, method, cancellationToken);
            if (response is null) return SlackApiResult<TResponse>.Failure(Failed(stage, SlackApiErrors.Unreachable));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                if (!ShouldRetry(response, method, attempt)) return SlackApiResult<TResponse>.Failure(Failed(stage, SlackApiErrors.RateLimited));
                continue;
            }

            var result = await ReadAsync(method, kind, response, responseType, cancellationToken);
            if (!result.Ok) Failed(stage, result.Error ?? "unknown_error");
            return result;
        }
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

    /// <summary>Pauses the method for Retry-After and says whether one more attempt is allowed.</summary>
    private bool ShouldRetry(HttpResponseMessage response, string method, int attempt)
    {
        metrics.RateLimited(SlackAdapter.PlatformName, BotMetrics.PlatformApiLimit);
        var delay = RetryAfter(response);
        limiter.Pause(method, delay);
        var o = options.Value;
        if (attempt >= o.MaxRetries || delay > o.MaxRetryAfter)
        {
            LogRateLimitGaveUp(method, delay.TotalSeconds, attempt + 1);
            return false;
        }

        LogRateLimited(method, delay.TotalSeconds, attempt + 1, o.MaxRetries);
        return true;
    }

    /// <summary>Retry-After in whole seconds (Slack's Node SDK parses it with parseInt); an HTTP date is accepted too; 1 s when absent.</summary>
    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : TimeSpan.FromSeconds(1));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack rate limited {Method}: waiting {Seconds} s (retry {Attempt} of {MaxRetries})")]
    private partial void LogRateLimited(string method, double seconds, int attempt, int maxRetries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack rate limited {Method} (Retry-After {Seconds} s) after {Attempts} attempts; giving up")]
    private partial void LogRateLimitGaveUp(string method, double seconds, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack response_url answered HTTP {Status} {Error}: {Advice}")]
    private partial void LogResponseUrlFailed(int status, string error, string advice);
}

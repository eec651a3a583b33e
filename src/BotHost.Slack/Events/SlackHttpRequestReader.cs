using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using BotHost.Slack.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Events;

/// <summary>
/// Reads a Slack request's raw body and verifies its signature before anything parses it (architecture rule: "on the
/// raw body bytes before any parsing; failures get 401"). Writes the responses every endpoint shares.
/// </summary>
internal sealed partial class SlackHttpRequestReader(SlackSignatureVerifier verifier, BotMetrics metrics, ILogger<SlackHttpRequestReader> logger)
{
    /// <summary>Slack's payloads are a few kilobytes; anything larger is refused unread.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    /// <summary>The body and its verification, or null when the body is too large (413 already written).</summary>
    public async Task<SlackHttpRequest?> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await WriteStatusAsync(context, StatusCodes.Status413PayloadTooLarge, noRetry: true);
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                await WriteStatusAsync(context, StatusCodes.Status413PayloadTooLarge, noRetry: true);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        using var stage = metrics.Stage(PipelineStages.Signature);
        var verification = verifier.Verify(request.Headers[SlackRequestHeaders.Timestamp], request.Headers[SlackRequestHeaders.Signature], body);
        return new SlackHttpRequest(body, verification);
    }

    /// <summary>401 for a request that failed verification; logged without its body or headers.</summary>
    public Task RejectAsync(HttpContext context, VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        LogRejected(context.Request.Path, result);
        return WriteStatusAsync(context, StatusCodes.Status401Unauthorized, noRetry: false);
    }

    /// <summary>
    /// A bare status. <paramref name="noRetry"/> adds <c>X-Slack-No-Retry: 1</c> where retrying cannot help
    /// (a malformed body).
    /// </summary>
    public static Task WriteStatusAsync(HttpContext context, int status, bool noRetry)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        if (noRetry) context.Response.Headers[SlackRequestHeaders.NoRetry] = "1";
        return Task.CompletedTask;
    }

    /// <summary>How an <see cref="InboxResult"/> is acknowledged over HTTP: 503 (Slack retries later) only when busy.</summary>
    public static Task AcknowledgeAsync(HttpContext context, InboxResult result) => result switch
    {
        InboxResult.Busy => WriteStatusAsync(context, StatusCodes.Status503ServiceUnavailable, noRetry: false),
        InboxResult.Malformed => WriteStatusAsync(context, StatusCodes.Status400BadRequest, noRetry: true),
        _ => WriteStatusAsync(context, StatusCodes.Status200OK, noRetry: false),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a request to {Path} with 401: Slack signature {Result}")]
    private partial void LogRejected(string path, VerificationResult result);
}

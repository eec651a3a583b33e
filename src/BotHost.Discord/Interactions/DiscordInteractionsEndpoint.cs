using System.Text.Json;
using System.Text.Unicode;
using BotHost.Core.Adapters;
using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using BotHost.Discord.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BotHost.Discord.Interactions;

/// <summary>
/// <c>POST /discord/interactions</c>: reads the raw body, verifies <c>X-Signature-Ed25519</c> over timestamp + body
/// and answers 401 on any failure before parsing anything; then PING → PONG and commands → the interaction response,
/// inline. A deferred answer is edited only after the response has gone out.
/// </summary>
internal sealed partial class DiscordInteractionsEndpoint(
    DiscordSignatureVerifier verifier,
    DiscordInteractionHandler handler,
    IReplyQueue queue,
    BotMetrics metrics,
    ILogger<DiscordInteractionsEndpoint> logger)
{
    public const string Path = "/discord/interactions";

    /// <summary>Interactions are small; anything larger is not from Discord.</summary>
    public const int MaxBodyBytes = 1 << 20;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var span = BotTracing.StartMessage(DiscordAdapter.PlatformName, "interactions");
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null || !Verify(context.Request.Headers, body))
        {
            LogRejected();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("invalid request signature", context.RequestAborted);
            return;
        }

        Interaction? interaction = null;
        try
        {
            // System.Text.Json checks UTF-8 only when it turns a string into .NET text, and then throws
            // InvalidOperationException, not JsonException: a body that is not UTF-8 is refused before it is read.
            if (Utf8.IsValid(body)) interaction = JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction);
        }
        catch (JsonException)
        {
        }

        if (interaction is null || await handler.HandleAsync(interaction, context.RequestAborted) is not { } outcome)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (outcome.After is { } after)
        {
            // The message's span stays open until the deferred response has been edited.
            var trace = QueuedTrace.Capture();
            context.Response.OnCompleted(() =>
            {
                queue.TryEnqueue(DiscordAdapter.PlatformName, "Discord deferred response edit", after, trace);
                return Task.CompletedTask;
            });
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, outcome.Response, DiscordJsonContext.Default.InteractionResponse, context.RequestAborted);
    }

    private bool Verify(IHeaderDictionary headers, byte[] body)
    {
        using var stage = metrics.Stage(PipelineStages.Signature);
        return verifier.Verify(headers["X-Signature-Timestamp"], headers["X-Signature-Ed25519"], body);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a Discord interaction request: missing or invalid signature (401)")]
    private partial void LogRejected();
}

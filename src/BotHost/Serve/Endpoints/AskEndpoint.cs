using System.Globalization;
using System.Text.Json;
using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;
using BotHost.Knowledge.Hotlines;
using Microsoft.AspNetCore.Http.Features;

namespace BotHost.Serve.Endpoints;

/// <summary>
/// <c>POST /ask</c>: a maintainer's preview of the reply the pipeline gives to a question, as JSON. The body is
/// <c>{"question": "...", "region": "US"}</c> (region optional: the default community's otherwise); anything else is
/// a 400 <c>application/problem+json</c> saying what is wrong, never a 500.
/// </summary>
internal static class AskEndpoint
{
    /// <summary>Largest body read: a question of the longest allowed length, escaped, fits many times over.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    private const string Usage = "send a JSON object {\"question\": \"...\", \"region\": \"US\"} with Content-Type: application/json";

    public static async Task<IResult> HandleAsync(HttpRequest request, MessagePipeline pipeline, ICommunityDirectory communities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(communities);
        if (!request.HasJsonContentType()) return Problem($"The body is not JSON: {Usage}.");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxBodyBytes;
        var (body, problem) = await ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        if (body?.Question is not { } question || string.IsNullOrWhiteSpace(question)) return Problem($"\"question\" is missing or empty: {Usage}.");
        if (question.Length > pipeline.MaxLength)
        {
            return Problem(string.Create(CultureInfo.InvariantCulture, $"\"question\" has {question.Length} characters; at most {pipeline.MaxLength} are allowed (Questions__MaxLength)."));
        }

        var community = communities.Find("admin", string.Empty);
        if (body.Region is { } typed)
        {
            if (RegionCode.Normalize(typed) is not { } region) return Problem("\"region\" is not a known region: an ISO country code such as US or GB, EU or INTL.");
            community = community with { Region = region };
        }

        var reply = await pipeline.HandleAsync(MaintainerQuestion.Message("admin", question), community, cancellationToken);
        return Results.Text(JsonSerializer.Serialize(reply, ReplyJsonContext.Default.Reply), "application/json");
    }

    /// <summary>The body, or the 400 (413 when too large) that says why it cannot be read.</summary>
    private static async Task<(AskRequest? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await JsonSerializer.DeserializeAsync(request.Body, ServeJsonContext.Default.AskRequest, cancellationToken), null);
        }
        catch (JsonException ex)
        {
            // The reader's position, never the body: the body is a member's question.
            var at = ex.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            return (null, Problem($"The body is not valid JSON of the expected shape{at} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {Usage}."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Results.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: ex.StatusCode, title: "Body too large"));
        }
    }

    private static IResult Problem(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
}

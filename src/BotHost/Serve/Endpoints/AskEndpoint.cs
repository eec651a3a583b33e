using System.Text.Json;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;

namespace BotHost.Serve.Endpoints;

/// <summary><c>POST /ask</c>: a maintainer's preview of the reply the pipeline gives to a question, as JSON.</summary>
internal static class AskEndpoint
{
    public static async Task<IResult> HandleAsync(HttpRequest request, MessagePipeline pipeline, CancellationToken cancellationToken)
    {
        var body = await JsonSerializer.DeserializeAsync(request.Body, ServeJsonContext.Default.AskRequest, cancellationToken);
        if (body?.Question is not { Length: > 0 } question) return Results.BadRequest("send {\"question\": \"...\", \"region\": \"US\"}");
        var reply = await pipeline.HandleAsync(new IncomingMessage
        {
            Platform = "admin",
            CommunityId = string.Empty,
            ChannelId = "preview",
            UserId = "maintainer",
            Text = question,
            Source = MessageSource.Console,
            IsPrivateConversation = true,
        }, cancellationToken);
        return Results.Text(JsonSerializer.Serialize(reply, ReplyJsonContext.Default.Reply), "application/json");
    }
}

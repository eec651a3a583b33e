using System.Text.Json;
using BotHost.Slack.Inbound;
using BotHost.Slack.Wire;
using Microsoft.AspNetCore.Http;

namespace BotHost.Slack.Events;

/// <summary>
/// <c>POST /slack/interactivity</c>: button clicks (<c>block_actions</c>), a form field <c>payload</c> holding JSON
/// (https://api.slack.com/interactivity/handling#payloads). Always acknowledged with an empty 200: link buttons send a payload too, and Slack
/// does not retry interactions.
/// </summary>
internal sealed class SlackInteractivityEndpoint(SlackHttpRequestReader reader, SlackInbox inbox)
{
    public const string Path = "/slack/interactivity";

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await reader.ReadAsync(context) is not { } request) return;
        if (!request.IsVerified)
        {
            await reader.RejectAsync(context, request.Verification);
            return;
        }

        var form = SlackForm.Read(request.Body);
        if (!form.TryGetValue(SlackForm.PayloadField, out var json) || Parse(json.ToString()) is not { } payload)
        {
            await SlackHttpRequestReader.WriteStatusAsync(context, StatusCodes.Status400BadRequest, noRetry: true);
            return;
        }

        _ = inbox.AcceptInteraction(payload);
        await SlackHttpRequestReader.WriteStatusAsync(context, StatusCodes.Status200OK, noRetry: false);
    }

    private static BlockActionsPayload? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, SlackJsonContext.Default.BlockActionsPayload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

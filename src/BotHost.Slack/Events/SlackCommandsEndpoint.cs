using System.Text.Json;
using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using BotHost.Slack.Inbound;
using BotHost.Slack.Rendering;
using BotHost.Slack.Wire;
using Microsoft.AspNetCore.Http;

namespace BotHost.Slack.Events;

/// <summary>
/// <c>POST /slack/commands</c>: <c>/ask</c>, <c>/hotlines</c> and <c>/about</c>. Acknowledged with an empty 200 at once
/// (Slack then shows nothing, so the member's command is not echoed to the channel); the answer follows through the
/// command's <c>response_url</c>. Slack's unsigned <c>ssl_check=1</c> health check gets a 200 and nothing else.
/// </summary>
internal sealed class SlackCommandsEndpoint(SlackHttpRequestReader reader, SlackInbox inbox)
{
    public const string Path = "/slack/commands";

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var span = BotTracing.StartMessage(SlackAdapter.PlatformName, "commands");
        if (await reader.ReadAsync(context) is not { } request) return;
        if (!request.IsVerified)
        {
            if (SlackForm.IsSslCheck(SlackForm.Read(request.Body)))
            {
                await SlackHttpRequestReader.WriteStatusAsync(context, StatusCodes.Status200OK, noRetry: false);
                return;
            }

            await reader.RejectAsync(context, request.Verification);
            return;
        }

        var result = inbox.AcceptCommand(SlackForm.Parse(SlackForm.Read(request.Body)));
        if (result != InboxResult.Busy)
        {
            await SlackHttpRequestReader.AcknowledgeAsync(context, result);
            return;
        }

        // Slash commands are not retried by Slack: say so to the member, in the 200 itself, privately.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        var busy = new ResponseUrlMessage(ResponseUrlMessage.Ephemeral, SlackMrkdwn.Escape(BotTexts.Busy));
        await JsonSerializer.SerializeAsync(context.Response.Body, busy, SlackJsonContext.Default.ResponseUrlMessage, context.RequestAborted);
    }
}

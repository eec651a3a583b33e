using System.Text;
using System.Text.Json;

namespace BotHost.Console.Rendering;

/// <summary>
/// Draws the <c>response_url</c> message Slack would receive (<see cref="Slack.Rendering.SlackReplyPreview"/>) the way
/// the Slack client shows Block Kit: sections with their accessory button, context lines in small type, action
/// buttons, and "Only visible to you" for an ephemeral reply. Reads only the JSON.
/// </summary>
internal static class SlackMessageHtml
{
    public static string Render(string responseJson)
    {
        using var document = JsonDocument.Parse(responseJson);
        var root = document.RootElement;
        var html = new StringBuilder("<div class=\"slack\">");
        html.Append("<div class=\"author\"><b>BotHost</b> <span class=\"app-tag\">APP</span></div>");
        if (root.TryGetProperty("blocks", out var blocks))
        {
            foreach (var block in blocks.EnumerateArray()) Block(html, block);
        }
        else
        {
            html.Append("<div class=\"mrkdwn\">").Append(SlackMrkdwnHtml.Render(root.GetProperty("text").GetString()!)).Append("</div>");
        }

        if (root.GetProperty("response_type").GetString() == "ephemeral") html.Append("<div class=\"ephemeral\">Only visible to you</div>");
        return html.Append("</div>").ToString();
    }

    private static void Block(StringBuilder html, JsonElement block)
    {
        switch (block.GetProperty("type").GetString())
        {
            case "section":
                html.Append("<div class=\"section\"><div class=\"mrkdwn\">").Append(Text(block.GetProperty("text"))).Append("</div>");
                if (block.TryGetProperty("accessory", out var accessory)) Button(html, accessory);
                html.Append("</div>");
                break;
            case "context":
                html.Append("<div class=\"context\">");
                foreach (var element in block.GetProperty("elements").EnumerateArray()) html.Append("<span>").Append(Text(element)).Append("</span>");
                html.Append("</div>");
                break;
            case "actions":
                html.Append("<div class=\"actions\">");
                foreach (var element in block.GetProperty("elements").EnumerateArray()) Button(html, element);
                html.Append("</div>");
                break;
            case "divider":
                html.Append("<hr class=\"divider\">");
                break;
        }
    }

    private static string Text(JsonElement text) =>
        text.GetProperty("type").GetString() == "mrkdwn"
            ? SlackMrkdwnHtml.Render(text.GetProperty("text").GetString()!)
            : ConsoleHtml.Encoder.Encode(text.GetProperty("text").GetString()!);

    private static void Button(StringBuilder html, JsonElement button)
    {
        var label = ConsoleHtml.Encoder.Encode(button.GetProperty("text").GetProperty("text").GetString()!);
        var primary = button.TryGetProperty("style", out var style) && style.GetString() == "primary";
        if (button.TryGetProperty("url", out var url))
        {
            html.Append("<a class=\"sbtn\" href=\"").Append(ConsoleHtml.Encoder.Encode(url.GetString()!)).Append("\" rel=\"noreferrer\">").Append(label).Append("</a>");
            return;
        }

        html.Append("<span class=\"sbtn").Append(primary ? " primary" : string.Empty).Append("\">").Append(label).Append("</span>");
    }
}

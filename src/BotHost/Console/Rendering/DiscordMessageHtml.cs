using System.Text;
using System.Text.Json;

namespace BotHost.Console.Rendering;

/// <summary>
/// Draws the interaction response Discord would receive (<see cref="Discord.Rendering.DiscordReplyPreview"/>) the way
/// the Discord client shows it: the bot's name, the content, each embed with its title, description, fields and
/// footer, the buttons, and "Only you can see this" for an ephemeral reply. Reads only the JSON, so the preview shows
/// what the platform would get, not a second rendering of the reply.
/// </summary>
internal static class DiscordMessageHtml
{
    /// <summary>The EPHEMERAL message flag (https://discord.com/developers/docs/resources/message#message-object-message-flags).</summary>
    private const int EphemeralFlag = 1 << 6;

    /// <summary>Link button style (https://discord.com/developers/docs/components/reference#button-button-styles).</summary>
    private const int LinkStyle = 5;

    private const int PrimaryStyle = 1;

    public static string Render(string interactionResponseJson)
    {
        using var document = JsonDocument.Parse(interactionResponseJson);
        var data = document.RootElement.GetProperty("data");
        var html = new StringBuilder("<div class=\"discord\">");
        html.Append("<div class=\"author\"><b>BotHost</b> <span class=\"app-tag\">APP</span></div>");
        if (data.TryGetProperty("content", out var content)) html.Append("<div class=\"content\">").Append(DiscordMarkdownHtml.Render(content.GetString()!)).Append("</div>");
        if (data.TryGetProperty("embeds", out var embeds))
        {
            foreach (var embed in embeds.EnumerateArray()) Embed(html, embed);
        }

        if (data.TryGetProperty("components", out var rows))
        {
            foreach (var row in rows.EnumerateArray()) Buttons(html, row);
        }

        var flags = data.TryGetProperty("flags", out var f) ? f.GetInt32() : 0;
        if ((flags & EphemeralFlag) != 0) html.Append("<div class=\"ephemeral\">Only you can see this · Dismiss message</div>");
        return html.Append("</div>").ToString();
    }

    private static void Embed(StringBuilder html, JsonElement embed)
    {
        html.Append("<div class=\"embed\">");
        if (embed.TryGetProperty("title", out var title))
        {
            html.Append("<div class=\"embed-title\">");
            if (embed.TryGetProperty("url", out var url)) ChatMarkupHtml.AppendLink(html, url.GetString()!, Plain(title.GetString()!));
            else html.Append(DiscordMarkdownHtml.Render(title.GetString()!));
            html.Append("</div>");
        }

        if (embed.TryGetProperty("description", out var description)) html.Append("<div class=\"embed-desc\">").Append(DiscordMarkdownHtml.Render(description.GetString()!)).Append("</div>");
        if (embed.TryGetProperty("fields", out var fields))
        {
            html.Append("<div class=\"fields\">");
            foreach (var field in fields.EnumerateArray())
            {
                html.Append("<div><div class=\"field-name\">").Append(DiscordMarkdownHtml.Render(field.GetProperty("name").GetString()!)).Append("</div>");
                html.Append("<div class=\"field-value\">").Append(DiscordMarkdownHtml.Render(field.GetProperty("value").GetString()!)).Append("</div></div>");
            }

            html.Append("</div>");
        }

        if (embed.TryGetProperty("footer", out var footer)) html.Append("<div class=\"footer\">").Append(ConsoleHtml.Encoder.Encode(footer.GetProperty("text").GetString()!)).Append("</div>");
        html.Append("</div>");
    }

    private static void Buttons(StringBuilder html, JsonElement row)
    {
        html.Append("<div class=\"buttons\">");
        foreach (var button in row.GetProperty("components").EnumerateArray())
        {
            var label = ConsoleHtml.Encoder.Encode(button.GetProperty("label").GetString()!);
            var style = button.GetProperty("style").GetInt32();
            if (style == LinkStyle && button.TryGetProperty("url", out var url))
            {
                html.Append("<a class=\"dbtn link\" href=\"").Append(ConsoleHtml.Encoder.Encode(url.GetString()!)).Append("\" rel=\"noreferrer\">").Append(label).Append("</a>");
            }
            else
            {
                html.Append("<span class=\"dbtn").Append(style == PrimaryStyle ? " primary" : string.Empty).Append("\">").Append(label).Append("</span>");
            }
        }

        html.Append("</div>");
    }

    /// <summary>Markdown with its escapes removed, for a link's label.</summary>
    private static string Plain(string markdown) => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(DiscordMarkdownHtml.Render(markdown), "<[^>]+>", string.Empty));
}

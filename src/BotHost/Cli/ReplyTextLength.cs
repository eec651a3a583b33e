using System.Text.Json;
using BotHost.Core.Console;
using BotHost.Core.Messages;
using BotHost.Discord.Rendering;
using BotHost.Slack.Rendering;

namespace BotHost.Cli;

/// <summary>
/// How much text a member reads in a reply, per rendering: the console text as printed, less the console's note on where
/// a private reply goes (the member reads the reply, not the note); on Discord the content, each
/// embed's title, description, field names and values and footer, and the button labels; on Slack the text of every
/// block (sections, context elements, buttons). Markup (link targets, bold marks, escapes) is counted too, so the
/// figure is an upper bound of what a phone shows.
/// </summary>
internal static class ReplyTextLength
{
    public static int Console(Reply reply) => ConsoleReplyRenderer.Render(reply with { Visibility = ReplyVisibility.Public }).TrimEnd().Length;

    public static int Discord(Reply reply)
    {
        using var json = JsonDocument.Parse(DiscordReplyPreview.InteractionResponseJson(reply, privateByDefault: false));
        var data = json.RootElement.GetProperty("data");
        var length = Text(data, "content");
        foreach (var embed in Items(data, "embeds"))
        {
            length += Text(embed, "title") + Text(embed, "description");
            if (embed.TryGetProperty("footer", out var footer)) length += Text(footer, "text");
            foreach (var field in Items(embed, "fields")) length += Text(field, "name") + Text(field, "value");
        }

        foreach (var row in Items(data, "components"))
        {
            foreach (var button in Items(row, "components")) length += Text(button, "label");
        }

        return length;
    }

    public static int Slack(Reply reply, bool privateByDefault = false)
    {
        using var json = JsonDocument.Parse(SlackReplyPreview.SlashCommandResponseJson(reply, privateByDefault));
        var length = 0;
        foreach (var block in Items(json.RootElement, "blocks")) length += SlackBlock(block);
        return length;
    }

    private static int SlackBlock(JsonElement block)
    {
        var length = 0;
        if (block.TryGetProperty("text", out var text)) length += Text(text, "text");
        if (block.TryGetProperty("accessory", out var accessory) && accessory.TryGetProperty("text", out var label)) length += Text(label, "text");
        foreach (var element in Items(block, "elements"))
        {
            length += Text(element, "text");
            if (element.TryGetProperty("text", out var inner) && inner.ValueKind == JsonValueKind.Object) length += Text(inner, "text");
        }

        return length;
    }

    private static int Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Length
            : 0;

    private static JsonElement[] Items(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : [];
}

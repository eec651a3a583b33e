using System.Text.Json;
using System.Text.Json.Nodes;
using BotHost.Discord.Tests.Spec;

namespace BotHost.Discord.Tests.Fakes;

/// <summary>Interactions and messages built from Discord's own example payloads, with the test's text put in.</summary>
internal static class DiscordPayloads
{
    public const string GuildId = "290926798626357999";
    public const string ChannelId = "645027906669510667";
    public const string MemberId = "53908232506183680";

    /// <summary>The docs' slash-command interaction turned into <c>/ask question:{question}</c>.</summary>
    public static string Ask(string question, string command = "ask", string option = "question")
    {
        var node = Payload("discord-interaction-application-command.json");
        node["application_id"] = DiscordTestHost.ApplicationId;
        node["channel_id"] = ChannelId;
        node["data"]!["name"] = command;
        node["data"]!["options"] = new JsonArray(new JsonObject { ["type"] = 3, ["name"] = option, ["value"] = question });
        return node.ToJsonString();
    }

    /// <summary>The docs' message-command interaction with the target message's content replaced.</summary>
    public static string FindHelp(string targetText)
    {
        var node = Payload("discord-interaction-message-command.json");
        var messages = node["data"]!["resolved"]!["messages"]!.AsObject();
        messages.First().Value!["content"] = targetText;
        return node.ToJsonString();
    }

    /// <summary>The docs' button interaction with the feedback custom_id.</summary>
    public static string Button(string customId, string userId = MemberId, string messageId = "1200000000000000001")
    {
        var node = Payload("discord-interaction-message-component-button.json");
        node["data"]!["custom_id"] = customId;
        node["message"]!["id"] = messageId;
        if (node["member"]?["user"] is JsonObject user) user["id"] = userId;
        return node.ToJsonString();
    }

    /// <summary>The docs' example message as a MESSAGE_CREATE <c>d</c>, in a guild, with the given content and mentions.</summary>
    public static JsonElement MessageCreate(string content, bool mentionBot, bool inGuild = true, bool fromBot = false, string? authorId = null)
    {
        var node = Payload("discord-gateway-dispatch-message-create.COMPOSITE.json")["d"]!.AsObject();
        node["content"] = content;
        node["channel_id"] = ChannelId;
        if (inGuild) node["guild_id"] = GuildId;
        else node.Remove("guild_id");
        node["mentions"] = mentionBot ? new JsonArray(new JsonObject { ["id"] = DiscordTestHost.BotUserId, ["username"] = "bothost", ["bot"] = true }) : new JsonArray();
        node["author"]!["bot"] = fromBot;
        if (authorId is not null) node["author"]!["id"] = authorId;
        return JsonSerializer.SerializeToElement(node);
    }

    public static JsonObject Payload(string name) => JsonNode.Parse(DiscordSpecFiles.ReadPayload(name))!.AsObject();
}

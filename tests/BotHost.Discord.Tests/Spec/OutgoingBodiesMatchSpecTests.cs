using System.Text.Json;
using BotHost.Core.Messages;
using BotHost.Core.Safety;
using BotHost.Discord.Alerts;
using BotHost.Discord.Commands;
using BotHost.Discord.Rendering;
using BotHost.Discord.Wire;
using BotHost.Testing;

namespace BotHost.Discord.Tests.Spec;

/// <summary>Every body the adapter sends validates against the request schema of its route in Discord's OpenAPI spec.</summary>
public sealed class OutgoingBodiesMatchSpecTests
{
    private const string Callback = "/interactions/{interaction_id}/{interaction_token}/callback";

    public static TheoryData<string> Replies() => ["answer", "private", "hotlines", "text"];

    private static Reply Sample(string name) => name switch
    {
        "answer" => SampleReplies.Answer(),
        "private" => SampleReplies.Answer(ReplyVisibility.Private),
        "hotlines" => SampleReplies.Answer(ReplyVisibility.Public, new HotlinesBlock("Help", [.. Enumerable.Range(0, 30).Select(i => SampleReplies.Hotline($"h{i}", $"Line {i}", new Uri($"https://example.org/{i}")))])),
        _ => Reply.Text(ReplyKind.Help, ReplyVisibility.Public, "Ask me with /ask."),
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void InteractionResponse_EveryReplyShape_ValidCallbackBody(string name)
    {
        var response = InteractionResponse.Message(DiscordRenderer.Render(Sample(name), ephemeral: name == "private"));

        Assert.Empty(DiscordOpenApi.ValidateRequest("POST", Callback, JsonSerializer.Serialize(response, DiscordJsonContext.Default.InteractionResponse)));
    }

    [Fact]
    public void InteractionResponse_PongAndDeferred_ValidCallbackBodies()
    {
        Assert.Empty(DiscordOpenApi.ValidateRequest("POST", Callback, JsonSerializer.Serialize(InteractionResponse.Pong, DiscordJsonContext.Default.InteractionResponse)));
        Assert.Empty(DiscordOpenApi.ValidateRequest("POST", Callback,
            JsonSerializer.Serialize(InteractionResponse.Deferred(ephemeral: true), DiscordJsonContext.Default.InteractionResponse)));
    }

    [Fact]
    public void ValidateRequest_BodyBreakingTheSpec_ReportsErrors()
    {
        // Guards the validator itself: a button label over 80 characters and an unknown callback type must fail.
        var bad = """{"type":4,"data":{"content":"x","components":[{"type":1,"components":[{"type":2,"style":5,"label":"LABEL_TOO_LONG_LABEL_TOO_LONG_LABEL_TOO_LONG_LABEL_TOO_LONG_LABEL_TOO_LONG_LABEL_TOO_LONG","url":"https://example.org"}]}]}}""";

        Assert.NotEmpty(DiscordOpenApi.ValidateRequest("POST", Callback, bad));
        Assert.NotEmpty(DiscordOpenApi.ValidateRequest("POST", Callback, """{"type":99}"""));
    }

    [Theory]
    [MemberData(nameof(Replies))]
    public void CreateMessage_EveryReplyShape_ValidMessageCreateRequest(string name)
    {
        var message = DiscordRenderer.Render(Sample(name), ephemeral: false) with { MessageReference = new MessageReference("1100000000000000001") };

        Assert.Empty(DiscordOpenApi.ValidateRequest("POST", "/channels/{channel_id}/messages", JsonSerializer.Serialize(message, DiscordJsonContext.Default.MessagePayload)));
    }

    [Fact]
    public void EditOriginal_Answer_ValidWebhookUpdate()
    {
        var message = DiscordRenderer.Render(SampleReplies.Answer(), ephemeral: false) with { Flags = null };

        Assert.Empty(DiscordOpenApi.ValidateRequest("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
            JsonSerializer.Serialize(message, DiscordJsonContext.Default.MessagePayload)));
    }

    [Fact]
    public void ModeratorAlert_Rendered_ValidMessageCreateRequest()
    {
        var alert = new ModeratorAlert("discord", "1000000000000000001", "1000000000000000002", UrgencyCategory.SelfHarm, "1000000000000000003",
            new Uri("https://discord.com/channels/1000000000000000001/1000000000000000003/1000000000000000004"), DateTimeOffset.UnixEpoch, 2);

        var json = JsonSerializer.Serialize(DiscordModeratorAlertSender.Render(alert), DiscordJsonContext.Default.MessagePayload);

        Assert.Empty(DiscordOpenApi.ValidateRequest("POST", "/channels/{channel_id}/messages", json));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RegisterCommands_GlobalOrGuild_ValidBulkOverwrite(bool global)
    {
        var json = JsonSerializer.Serialize(DiscordCommands.All(global), DiscordJsonContext.Default.ListApplicationCommand);
        var path = global ? "/applications/{application_id}/commands" : "/applications/{application_id}/guilds/{guild_id}/commands";

        Assert.Empty(DiscordOpenApi.ValidateRequest("PUT", path, json));
    }

    [Fact]
    public void OpenDirectMessage_Body_ValidCreatePrivateChannelRequest() =>
        Assert.Empty(DiscordOpenApi.ValidateRequest("POST", "/users/@me/channels",
            JsonSerializer.Serialize(new CreateDmRequest("1000000000000000005"), DiscordJsonContext.Default.CreateDmRequest)));
}

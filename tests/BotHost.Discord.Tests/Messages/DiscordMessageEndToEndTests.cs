using BotHost.Core.Adapters;
using BotHost.Core.Communities;
using BotHost.Core.Pipeline;
using BotHost.Discord.Gateway;
using BotHost.Discord.Tests.Fakes;
using BotHost.Discord.Tests.Spec;
using BotHost.Testing.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace BotHost.Discord.Tests.Messages;

/// <summary>MESSAGE_CREATE dispatches through the real dispatch handler and pipeline; replies land on the loopback REST API.</summary>
public sealed class DiscordMessageEndToEndTests
{
    private const string SextortionQuestion = "someone is threatening to share my nudes unless i pay";
    private const string GroomingQuestion = "how can i tell if someone is grooming my child";
    private const string ChannelMessages = "POST channels/" + DiscordPayloads.ChannelId + "/messages";
    private const string DmMessages = "POST channels/" + LoopbackDiscordApi.DirectMessageChannel + "/messages";

    private static async Task DispatchAsync(DiscordTestHost host, string content, bool mention = true, bool inGuild = true, bool fromBot = false, string? authorId = null)
    {
        var handler = host.Services.GetRequiredService<IGatewayDispatchHandler>();
        await handler.HandleAsync("MESSAGE_CREATE", DiscordPayloads.MessageCreate(content, mention, inGuild, fromBot, authorId), CancellationToken.None);
    }

    [Fact]
    public async Task MessageCreate_MentionWithGroomingQuestion_PublicReplyToTheMessage()
    {
        await using var host = await DiscordTestHost.StartAsync();

        await DispatchAsync(host, $"<@{DiscordTestHost.BotUserId}> {GroomingQuestion}");

        var reply = await host.Api.NextRequestAsync(ChannelMessages);
        Assert.Equal($"Bot {DiscordTestHost.BotToken}", reply.Header("Authorization"));
        var json = reply.Json();
        Assert.Equal("334385199974967042", json.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.False(json.GetProperty("message_reference").GetProperty("fail_if_not_exists").GetBoolean());
        Assert.Equal("[]", json.GetProperty("allowed_mentions").GetProperty("parse").GetRawText());
        Assert.Empty(DiscordOpenApi.ValidateRequest("POST", "/channels/{channel_id}/messages", reply.Body));
    }

    [Fact]
    public async Task MessageCreate_MentionWithSextortionQuestion_AnswerByDmAndOneNeutralPublicLine()
    {
        await using var host = await DiscordTestHost.StartAsync();

        await DispatchAsync(host, $"<@!{DiscordTestHost.BotUserId}> {SextortionQuestion}");

        var open = await host.Api.NextRequestAsync("POST users/@me/channels");
        Assert.Equal("53908099506183680", open.Json().GetProperty("recipient_id").GetString());
        var dm = await host.Api.NextRequestAsync(DmMessages);
        Assert.Contains("\"embeds\"", dm.Body, StringComparison.Ordinal);
        var notice = await host.Api.NextRequestAsync(ChannelMessages);
        Assert.Equal("I've sent you some resources privately.", notice.Json().GetProperty("content").GetString());
        Assert.False(notice.Json().TryGetProperty("embeds", out _));
    }

    [Fact]
    public async Task MessageCreate_PrivateByDefaultCommunity_SameNeutralLineForANonSensitiveAnswerByDm()
    {
        await using var host = await DiscordTestHost.StartAsync(community: new CommunitySettings { Region = "US", PrivateByDefault = true });

        await DispatchAsync(host, $"<@{DiscordTestHost.BotUserId}> {GroomingQuestion}");

        await host.Api.NextRequestAsync(DmMessages);
        var notice = await host.Api.NextRequestAsync(ChannelMessages);
        Assert.Equal(BotTexts.PrivateNotice, notice.Json().GetProperty("content").GetString());
    }

    [Fact]
    public async Task MessageCreate_CommunityTurnedDmNoticeOff_AnswerByDmAndNothingPublic()
    {
        await using var host = await DiscordTestHost.StartAsync(community: new CommunitySettings { Region = "US", DmNotice = false });

        await DispatchAsync(host, $"<@{DiscordTestHost.BotUserId}> {SextortionQuestion}");
        await host.Api.NextRequestAsync(DmMessages);
        await host.StopAsync();

        Assert.Empty(host.Api.RequestsTo(ChannelMessages));
    }

    [Fact]
    public async Task MessageCreate_ReplyQueueFull_DroppedLoggedAndCountedAsShed()
    {
        await using var host = await DiscordTestHost.StartAsync(services: s => s.Configure<ReplyQueueOptions>(o =>
        {
            o.Capacity = 1;
            o.Workers = 1;
        }));
        using var shed = new MetricCollector<long>(host.Services.GetRequiredService<BotMetrics>().Meter, "bothost_replies_shed");
        var queue = host.Services.GetRequiredService<IReplyQueue>();
        var started = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        Assert.True(queue.TryEnqueue("test", "blocker", async _ =>
        {
            started.SetResult();
            await gate.Task;
        }));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(queue.TryEnqueue("test", "filler", _ => Task.CompletedTask));

        await DispatchAsync(host, $"<@{DiscordTestHost.BotUserId}> {GroomingQuestion}");
        gate.SetResult();
        await host.StopAsync();

        var measurement = Assert.Single(shed.GetMeasurementSnapshot());
        Assert.Equal("discord", measurement.Tags["platform"]);
        Assert.Equal(BotMetrics.ShedFull, measurement.Tags["reason"]);
        Assert.Single(host.Logs.Containing("Discord gateway message was shed", Microsoft.Extensions.Logging.LogLevel.Warning));
        Assert.Empty(host.Api.RequestsTo(ChannelMessages));
    }

    [Fact]
    public async Task MessageCreate_DmsClosed_NeutralHintToUseAskAndNothingElsePublic()
    {
        await using var host = await DiscordTestHost.StartAsync();
        host.Api.Enqueue(DmMessages, LoopbackDiscordApi.Error(403, 50007, "Cannot send messages to this user"));

        await DispatchAsync(host, $"<@{DiscordTestHost.BotUserId}> {SextortionQuestion}");

        var hint = await host.Api.NextRequestAsync(ChannelMessages);
        Assert.Contains("/ask", hint.Json().GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.False(hint.Json().TryGetProperty("embeds", out _));
    }

    [Fact]
    public async Task MessageCreate_DirectMessage_AnsweredInTheDmWithoutMention()
    {
        await using var host = await DiscordTestHost.StartAsync();

        await DispatchAsync(host, SextortionQuestion, mention: false, inGuild: false);

        var reply = await host.Api.NextRequestAsync(ChannelMessages);
        Assert.Contains("\"embeds\"", reply.Body, StringComparison.Ordinal);
        Assert.Empty(host.Api.RequestsTo("POST users/@me/channels"));
    }

    [Theory]
    [InlineData(false, false, null)]
    [InlineData(true, true, null)]
    [InlineData(true, false, DiscordTestHost.BotUserId)]
    public async Task ToIncoming_NoMentionOrFromBotOrFromItself_Ignored(bool mention, bool fromBot, string? authorId)
    {
        await using var host = await DiscordTestHost.StartAsync();
        var processor = host.Services.GetRequiredService<BotHost.Discord.Messages.DiscordMessageProcessor>();
        var message = System.Text.Json.JsonSerializer.Deserialize(DiscordPayloads.MessageCreate(GroomingQuestion, mention, true, fromBot, authorId),
            BotHost.Discord.Wire.DiscordJsonContext.Default.DiscordMessage)!;

        Assert.Null(processor.ToIncoming(message, out var why));
        Assert.NotNull(why);
    }

    [Fact]
    public async Task ToIncoming_Mention_TextWithoutTheMention()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var processor = host.Services.GetRequiredService<BotHost.Discord.Messages.DiscordMessageProcessor>();
        var message = System.Text.Json.JsonSerializer.Deserialize(DiscordPayloads.MessageCreate($"<@{DiscordTestHost.BotUserId}>  help me <@!{DiscordTestHost.BotUserId}>", true),
            BotHost.Discord.Wire.DiscordJsonContext.Default.DiscordMessage)!;

        var incoming = processor.ToIncoming(message, out _);

        Assert.Equal("help me", incoming!.Text);
        Assert.Equal(new Uri($"https://discord.com/channels/{DiscordPayloads.GuildId}/{DiscordPayloads.ChannelId}/334385199974967042"), incoming.MessageLink);
    }

    [Fact]
    public async Task MessageCreate_MemberText_NeverLoggedAboveDebug()
    {
        await using var host = await DiscordTestHost.StartAsync();

        await DispatchAsync(host, $"<@{DiscordTestHost.BotUserId}> {GroomingQuestion}");
        await host.Api.NextRequestAsync(ChannelMessages);

        Assert.DoesNotContain(host.Logs.Entries, e => e.Level > Microsoft.Extensions.Logging.LogLevel.Debug && e.Message.Contains("grooming", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains(DiscordTestHost.BotToken, StringComparison.Ordinal));
    }
}

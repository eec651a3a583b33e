using System.Text.Json;
using BotHost.Core.Messages;
using BotHost.Slack.Events;
using BotHost.Slack.Rendering;
using BotHost.Slack.Wire;
using BotHost.Testing.Slack;

namespace BotHost.Slack.Tests.Events;

/// <summary>
/// Every example payload in shared/specs/payloads/slack-* parses into the wire types and maps to what the bot does
/// with it. A new file without a case here fails, so new examples cannot be skipped silently.
/// </summary>
public sealed class SlackPayloadFixtureTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Files() => [.. SlackSpecFiles.SlackPayloads()];

    [Fact]
    public void SlackPayloads_SharedFolder_HasTheKnownExamples()
    {
        var files = SlackSpecFiles.SlackPayloads();

        Assert.True(files.Count >= 20, $"only {files.Count} slack-* payloads found");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Payload_EveryExample_ParsesAndMaps(string file)
    {
        var text = SlackSpecFiles.ReadPayload(file);

        var checkedIt = file switch
        {
            _ when file.StartsWith("slack-event-callback-", StringComparison.Ordinal) => EventCallback(text),
            "slack-url-verification.json" => UrlVerification(text),
            "slack-block-actions-payload.json" => BlockActions(JsonSerializer.Deserialize(text, SlackJsonContext.Default.BlockActionsPayload)!),
            "slack-slash-command-form-body.txt" => SlashCommand(SlackForm.Parse(SlackForm.Read(SlackSpecFiles.ReadPayloadBytes(file)))),
            "slack-signature-test-vector.json" => true,
            "slack-apps-connections-open-response.json" => Ok(JsonSerializer.Deserialize(text, SlackJsonContext.Default.AppsConnectionsOpenResponse)!)
                && Uri.TryCreate(JsonSerializer.Deserialize(text, SlackJsonContext.Default.AppsConnectionsOpenResponse)!.Url, UriKind.Absolute, out _),
            _ when file.StartsWith("slack-socket-mode-", StringComparison.Ordinal) => SocketModeFrame(JsonSerializer.Deserialize(text, SlackJsonContext.Default.SocketModeFrame)!),
            _ when file.StartsWith("slack-chat-postMessage-response-", StringComparison.Ordinal) =>
                Response(file, JsonSerializer.Deserialize(text, SlackJsonContext.Default.ChatPostMessageResponse)!),
            _ when file.StartsWith("slack-chat-postEphemeral-response-", StringComparison.Ordinal) =>
                Response(file, JsonSerializer.Deserialize(text, SlackJsonContext.Default.ChatPostEphemeralResponse)!),
            _ when file.StartsWith("slack-chat-update-response-", StringComparison.Ordinal) =>
                Response(file, JsonSerializer.Deserialize(text, SlackJsonContext.Default.ChatPostMessageResponse)!),
            _ => throw new Xunit.Sdk.XunitException($"{file} is a new example: add a case for it"),
        };

        Assert.True(checkedIt, file);
    }

    private static bool EventCallback(string text)
    {
        var envelope = JsonSerializer.Deserialize(text, SlackJsonContext.Default.EventEnvelope)!;
        var mapped = SlackEventMapper.Map(envelope, null, Now).Inbound;
        return envelope.Type == "event_callback" && !string.IsNullOrEmpty(envelope.EventId) && mapped is not null
            && mapped.Message.Source is MessageSource.Mention or MessageSource.DirectMessage;
    }

    private static bool UrlVerification(string text)
    {
        var envelope = JsonSerializer.Deserialize(text, SlackJsonContext.Default.EventEnvelope)!;
        return envelope.Type == SlackEventsEndpoint.UrlVerification && envelope.Challenge == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P";
    }

    private static bool BlockActions(BlockActionsPayload payload) =>
        payload.Type == "block_actions" && payload.Team?.Id == "T111" && payload.Actions is [{ ActionId: "a", Value: "underlying" }]
        && FeedbackAction.Parse(payload.Actions[0].ActionId, payload.Actions[0].Value) is null
        && payload.ResponseUrl == "https://hooks.slack.com/actions/T111/111/xxx";

    private static bool SlashCommand(SlashCommandPayload payload) =>
        SlashCommandMapper.Map(payload, Now) is { Message.Source: MessageSource.Command, Conversation.ResponseUrl: not null };

    private static bool SocketModeFrame(SocketModeFrame frame) => frame.Type switch
    {
        "hello" => frame.NumConnections == 1,
        "disconnect" => frame.Reason == "too_many_websockets",
        "events_api" => frame.EnvelopeId is not null && frame.RetryAttempt == 0
            && frame.Payload!.Value.Deserialize(SlackJsonContext.Default.EventEnvelope) is { Type: "event_callback", Event: not null },
        "slash_commands" => frame.AcceptsResponsePayload == true
            && SlashCommand(frame.Payload!.Value.Deserialize(SlackJsonContext.Default.SlashCommandPayload)!),
        "interactive" => BlockActions(frame.Payload!.Value.Deserialize(SlackJsonContext.Default.BlockActionsPayload)!),
        _ => false,
    };

    private static bool Response(string file, SlackApiResponse response) =>
        file.EndsWith("-ok.json", StringComparison.Ordinal) ? Ok(response) : !response.Ok && !string.IsNullOrEmpty(response.Error);

    private static bool Ok(SlackApiResponse response) => response.Ok && response.Error is null;
}

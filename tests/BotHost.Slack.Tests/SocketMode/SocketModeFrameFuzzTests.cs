using System.Text;
using BotHost.Core.Adapters;
using BotHost.Slack.Tests.Fakes;
using BotHost.Testing.Slack;
using Microsoft.Extensions.Logging;

namespace BotHost.Slack.Tests.SocketMode;

/// <summary>
/// Socket Mode frames that are not what Slack sends (envelopes cut short, a character changed, pieces of envelopes in
/// any order, random text), over a real WebSocket from the loopback Slack server: the bot never closes the connection,
/// never reconnects, logs no exception, and still acknowledges and answers the next real envelope (issue #16).
/// The frames come from a seeded <see cref="Random"/>, so a failure repeats.
/// </summary>
public sealed class SocketModeFrameFuzzTests
{
    private static readonly string Mention = SlackSpecFiles.ReadPayload("slack-socket-mode-envelope-events-api-app-mention.json");

    private static readonly string[] Pieces =
    [
        "{", "}", "[", "]", ":", ",", "\"type\"", "\"events_api\"", "\"slash_commands\"", "\"interactive\"",
        "\"envelope_id\"", "\"payload\"", "\"accepts_response_payload\"", "true", "null", "1", "-1", "1e999", "\"event\"", "\"app_mention\"",
        "\"text\"", "\"<@U0LAN0Z89> what is sextortion\"", "\"user\"", "\"channel\"", "\"event_id\"", "\"reason\"", "\"\\ud800\"", "\"\"", " ",
    ];

    [Fact]
    public async Task Receive_400MalformedFrames_ConnectionKeptAndTheNextEnvelopeAnswered()
    {
        await using var harness = await SocketModeHarness.StartAsync(scripted: false);
        var server = harness.Services.Server;
        var socket = await server.NextSocketAsync();
        await Eventually.TrueAsync(() => harness.Adapter.Status.State == AdapterState.Connected, "connected");
        var random = new Random(20261206);

        for (var i = 0; i < 400; i++) await socket.SendAsync(Frame(random));
        await socket.SendAsync(Mention.Replace("xxx-11-222-yyy-zzz", "after-fuzz", StringComparison.Ordinal).Replace("Ev01ERKCFKK9", "EvAfterFuzz", StringComparison.Ordinal));
        string ack;
        do
        {
            ack = await socket.ReceiveAsync();
        }
        while (ack != """{"envelope_id":"after-fuzz"}""");
        await server.NextRequestAsync("chat.postMessage");

        Assert.False(socket.Closed.IsCompleted);
        Assert.Single(server.RequestsTo("apps.connections.open"));
        Assert.Equal(AdapterState.Connected, harness.Adapter.Status.State);
        Assert.DoesNotContain(harness.Services.Logs.Entries, e => e.Exception is not null);
        Assert.True(harness.Services.Logs.Containing("not JSON", LogLevel.Warning).Count >= 100, "the malformed frames reached the bot");
    }

    /// <summary>One frame: the mention envelope cut short or with one character changed, pieces of envelopes, or random text.</summary>
    private static string Frame(Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return Mention[..random.Next(Mention.Length)];
            case 1:
                var changed = Mention.ToCharArray();
                changed[random.Next(changed.Length)] = (char)random.Next(0x20, 0x7F);
                return new string(changed);
            case 2:
                var frame = new StringBuilder();
                for (var n = random.Next(1, 40); n > 0; n--) frame.Append(Pieces[random.Next(Pieces.Length)]);
                return frame.ToString();
            default:
                return new string([.. Enumerable.Range(0, random.Next(1, 200)).Select(_ => (char)random.Next(0x20, 0x2FFF))]);
        }
    }
}

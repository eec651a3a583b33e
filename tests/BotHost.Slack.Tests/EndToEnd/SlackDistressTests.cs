using BotHost.Core.Communities;
using BotHost.Knowledge;
using BotHost.Testing;
using BotHost.Testing.Semantics;

namespace BotHost.Slack.Tests.EndToEnd;

/// <summary>
/// The distress safety net end to end (issue #13 item 5): Slack's /ask on the shipped knowledge with the sentence
/// encoder, answered privately with the region's lines to talk to.
/// </summary>
public sealed class SlackDistressTests
{
    private const string Distress = "my exams start tomorrow and im panicking so bad i cant think straight";

    [Fact]
    public async Task Commands_AskReadAsDistress_EphemeralReplyWithTheLinesToTalkToAndNotTheQuestion()
    {
        await using var host = await SlackTestHost.StartAsync(community: new CommunitySettings { Region = "GB" },
            knowledge: new KnowledgeOptions { Path = RepositoryPaths.Knowledge, Embedder = SharedEncoder.Embedder });

        await host.PostFormAsync("/slack/commands", SlackPayloads.Command("/ask", Distress, host.Slack.ResponseUrl("cmd")));
        var answer = await host.Slack.NextRequestAsync("hooks/cmd");

        Assert.Equal("ephemeral", answer.Json().GetProperty("response_type").GetString());
        Assert.Contains("0800 1111", answer.Body, StringComparison.Ordinal);
        Assert.Contains("116 123", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("panicking so bad", answer.Body, StringComparison.Ordinal);
    }
}

using BotHost.Testing;
using BotHost.Tests.Serve;

namespace BotHost.Tests.Cli;

/// <summary><c>bothost serve</c> refusing to start: one <c>bothost: </c> line per problem and a non-zero exit.</summary>
[Collection(SerialServeApps.Name)]
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();

    [Fact]
    public async Task Serve_CommunitiesFileWithMistakes_PrintsOneLinePerProblemAndFails()
    {
        var communities = Path.Combine(Path.GetTempPath(), $"bothost-communities-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(communities, """
            communities:
              - platform: discord
                id: "1"
                region: Narnia
              - platform: slack
            """.ReplaceLineEndings("\n"));

        var (exit, _, error) = await CliRunner.RunAsync("serve", "--knowledge", _folder.Path, "--urls", "http://127.0.0.1:0", "--communities", communities);
        File.Delete(communities);

        Assert.Equal(1, exit);
        var lines = error.TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                $"bothost: {communities}:4: error: field 'communities[1].region' is not a known region (an ISO country code, EU or INTL): 'Narnia'",
                $"bothost: {communities}:5: error: missing required field 'communities[2].id': the Discord server id or the Slack team id (T...), in quotes",
            ],
            lines);
    }

    [Fact]
    public async Task Serve_KnowledgeWithErrors_PrintsEachErrorOnItsOwnLine()
    {
        _folder.WriteFile("articles/broken.md", "---\nid: broken\n---\n\nNo front matter to speak of.\n");

        var (exit, _, error) = await CliRunner.RunAsync("serve", "--knowledge", _folder.Path, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, exit);
        var lines = error.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length > 1);
        Assert.All(lines, line => Assert.Matches("^bothost: .*broken\\.md:\\d+: error: ", line));
    }

    [Fact]
    public async Task Serve_BadSettings_PrintsEachAsOneLineWithoutSecretsAndFails()
    {
        var config = Path.Combine(Path.GetTempPath(), $"bothost-serve-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{ "Admin": { "Token": "tiny-secret" }, "Safety": { "QuestionsPerMinute": -2 } }""");

        var (exit, _, error) = await CliRunner.RunAsync("serve", "--knowledge", _folder.Path, "--urls", "http://127.0.0.1:0", "--config", config);
        File.Delete(config);

        Assert.Equal(1, exit);
        var lines = error.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("bothost: Admin__Token: ", StringComparison.Ordinal));
        Assert.Contains("bothost: Safety__QuestionsPerMinute: must be 0 (no limit) or more, not -2", lines);
        Assert.DoesNotContain("tiny-secret", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}

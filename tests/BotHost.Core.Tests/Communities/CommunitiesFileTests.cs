using BotHost.Core.Communities;
using BotHost.Knowledge.Hotlines;
using BotHost.Testing;

namespace BotHost.Core.Tests.Communities;

/// <summary>communities.yaml read from real files: the settings it gives and the one-line problems it reports.</summary>
public sealed class CommunitiesFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bothost-communities-" + Guid.NewGuid().ToString("N")[..12]);

    public CommunitiesFileTests() => Directory.CreateDirectory(_folder);

    private string Write(string yaml)
    {
        var path = Path.Combine(_folder, "communities.yaml");
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return path;
    }

    [Fact]
    public void Parse_FullCommunity_GivesItsSettings()
    {
        var path = Write("""
            communities:
              - platform: discord
                id: "123456789012345678"
                name: Example server
                region: us
                answer_channels: ["111", "222"]
                ignore_channels: ["333"]
                private_by_default: true
                dm_notice: false
                alert_channel: "444"
                store_redacted_questions: true
                question_retention_days: 7
            """);

        var result = CommunitiesFile.Parse(path);

        Assert.Empty(result.Errors);
        var settings = result.Directory!.Find("discord", "123456789012345678");
        Assert.Equal("US", settings.Region);
        Assert.Equal(["111", "222"], settings.AnswerChannels);
        Assert.Equal(["333"], settings.IgnoreChannels);
        Assert.True(settings.PrivateByDefault);
        Assert.False(settings.DmNotice);
        Assert.Equal("444", settings.AlertChannel);
        Assert.True(settings.StoreRedactedQuestions);
        Assert.Equal(TimeSpan.FromDays(7), settings.QuestionRetention);
    }

    [Fact]
    public void Find_UnknownCommunityOrOtherPlatformOrOtherCase_GetsTheDefaults()
    {
        var path = Write("""
            defaults:
              region: GB
              private_by_default: true
            communities:
              - platform: slack
                id: T0ABC
                region: DE
            """);

        var directory = CommunitiesFile.Parse(path).Directory!;

        Assert.Equal("DE", directory.Find("slack", "T0ABC").Region);
        Assert.Equal("GB", directory.Find("slack", "T0XYZ").Region);
        Assert.Equal("GB", directory.Find("discord", "T0ABC").Region);
        Assert.Equal("GB", directory.Find("slack", "t0abc").Region);
        Assert.True(directory.Find("slack", "T0XYZ").PrivateByDefault);
    }

    [Fact]
    public void Parse_CommunityLeavesKeysOut_InheritsTheDefaultsButNeverTheOptIn()
    {
        var path = Write("""
            defaults:
              region: EU
              question_retention_days: 10
            communities:
              - platform: slack
                id: T1
            """);

        var settings = CommunitiesFile.Parse(path).Directory!.Find("slack", "T1");

        Assert.Equal(RegionCode.EuropeanUnion, settings.Region);
        Assert.Equal(TimeSpan.FromDays(10), settings.QuestionRetention);
        Assert.False(settings.StoreRedactedQuestions);
        Assert.Empty(settings.AnswerChannels);
    }

    [Fact]
    public void Parse_BadRegion_NamesFileLineAndKey()
    {
        var path = Write("""
            communities:
              - platform: discord
                id: "1"
                region: USA
            """);

        var result = CommunitiesFile.Parse(path);

        Assert.Null(result.Directory);
        Assert.Equal([$"{path}:4: error: field 'communities[1].region' is not a known region (an ISO country code, EU or INTL): 'USA'"], result.Errors);
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsEveryOneOnItsOwnLine()
    {
        var path = Write("""
            defaults:
              region: INTL
              store_redacted_questions: true
            communities:
              - platform: teams
                id: "1"
              - platform: discord
                name: no id here
              - platform: slack
                id: T1
                answer_channels: ["C1", "C2"]
                ignore_channels: ["C2"]
                private_by_default: yes
                question_retention_days: 400
                regoin: US
              - platform: Slack
                id: T1
            colour: blue
            """);

        var errors = CommunitiesFile.Parse(path).Errors;

        string[] expected =
            [
                $"{path}:3: error: field 'defaults.store_redacted_questions' cannot be a default: storing questions is each community's own opt-in; set it under that community in 'communities'",
                $"{path}:5: error: field 'communities[1].platform' must be discord or slack: 'teams'",
                $"{path}:7: error: missing required field 'communities[2].id': the Discord server id or the Slack team id (T...), in quotes",
                $"{path}:12: error: field 'communities[3].ignore_channels' lists 'C2', which is also in answer_channels; a channel is either answered in or ignored",
                $"{path}:13: error: field 'communities[3].private_by_default' must be true or false: 'yes'",
                $"{path}:14: error: field 'communities[3].question_retention_days' is out of range (1 to 365 days): 400",
                $"{path}:15: error: unknown field 'communities[3].regoin' (did you mean 'region'?)",
                $"{path}:17: error: slack community 'T1' is listed twice (first on line 10)",
                $"{path}:18: error: unknown field 'colour'",
            ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), errors.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("366")]
    [InlineData("-5")]
    public void Parse_RetentionOutOfRange_IsAProblem(string days)
    {
        var path = Write($"""
            communities:
              - platform: slack
                id: T1
                question_retention_days: {days}
            """);

        var errors = CommunitiesFile.Parse(path).Errors;

        Assert.Equal([$"{path}:4: error: field 'communities[1].question_retention_days' is out of range (1 to 365 days): {days}"], errors);
    }

    [Fact]
    public void Parse_AlertChannelAlsoIgnored_IsAllowed()
    {
        var path = Write("""
            communities:
              - platform: discord
                id: "9"
                ignore_channels: ["444"]
                alert_channel: "444"
            """);

        var result = CommunitiesFile.Parse(path);

        Assert.Empty(result.Errors);
        Assert.False(result.Directory!.Find("discord", "9").AnswersIn("444"));
        Assert.Equal("444", result.Directory.Find("discord", "9").AlertChannel);
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsTheLine()
    {
        var path = Write("""
            communities:
              - platform: slack
                id: [T1
            """);

        var errors = CommunitiesFile.Parse(path).Errors;

        var error = Assert.Single(errors);
        Assert.StartsWith($"{path}:", error, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKeyInOneCommunity_IsAProblem()
    {
        var path = Write("""
            communities:
              - platform: slack
                id: T1
                id: T2
            """);

        var errors = CommunitiesFile.Parse(path).Errors;

        var error = Assert.Single(errors);
        Assert.StartsWith($"{path}:4: error: invalid YAML", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("- just a list")]
    public void Parse_NotAMapping_SaysWhatIsExpected(string yaml)
    {
        var path = Write(yaml);

        var errors = CommunitiesFile.Parse(path).Errors;

        Assert.Equal([$"{path}:1: error: invalid YAML: expected 'defaults:' and/or 'communities:' (see communities.example.yaml)"], errors);
    }

    [Fact]
    public void Parse_MissingFile_IsOneProblem()
    {
        var path = Path.Combine(_folder, "nope.yaml");

        var result = CommunitiesFile.Parse(path);

        Assert.Null(result.Directory);
        Assert.Equal([$"{path}:1: error: file not found"], result.Errors);
    }

    [Fact]
    public void Parse_ShippedExample_IsValid()
    {
        var result = CommunitiesFile.Parse(Path.Combine(RepositoryPaths.Root, "communities.example.yaml"));

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Directory!.Count);
        Assert.Equal("GB", result.Directory.Find("slack", "T0123456789").Region);
        Assert.True(result.Directory.Find("discord", "123456789012345678").AnswersIn("111111111111111111"));
        Assert.False(result.Directory.Find("discord", "123456789012345678").AnswersIn("555555555555555555"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

using System.Collections.Frozen;
using BotHost.Core.Communities;
using BotHost.Knowledge.Hotlines;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BotHost.Serve;

/// <summary>
/// Reads communities.yaml (see communities.example.yaml at the repository root): per Discord server or Slack team, the
/// region, where the bot answers, privacy, the moderator alert channel and the opt-in question storage. Every problem
/// is reported, each with the file, line and key, so one edit fixes them all; a file with problems yields no directory.
/// </summary>
internal static class CommunitiesFile
{
    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 365;

    private static readonly FrozenSet<string> Platforms = FrozenSet.Create(StringComparer.Ordinal, "discord", "slack");

    private static readonly string[] RootKeys = ["defaults", "communities"];

    private static readonly string[] DefaultKeys = ["region", "private_by_default", "question_retention_days"];

    private static readonly string[] CommunityKeys =
    [
        "platform", "id", "name", "region", "answer_channels", "ignore_channels", "private_by_default", "alert_channel",
        "store_redacted_questions", "question_retention_days",
    ];

    /// <summary>Keys that belong to one community only, with the reason they cannot be defaults.</summary>
    private static readonly Dictionary<string, string> CommunityOnlyKeys = new(StringComparer.Ordinal)
    {
        ["answer_channels"] = "channel ids belong to one community; set them under that community in 'communities'",
        ["ignore_channels"] = "channel ids belong to one community; set them under that community in 'communities'",
        ["alert_channel"] = "channel ids belong to one community; set it under that community in 'communities'",
        ["store_redacted_questions"] = "cannot be a default: storing questions is each community's own opt-in; set it under that community in 'communities'",
    };

    public static CommunitiesParseResult Parse(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var problems = new CommunitiesProblems(path);
        if (ReadRoot(path, problems) is not { } root) return new CommunitiesParseResult(null, problems.Items);

        root.RejectUnknownKeys(RootKeys);
        var defaults = ReadDefaults(root.Mapping("defaults"), problems);
        var communities = new Dictionary<(string, string), CommunitySettings>();
        var firstLines = new Dictionary<(string, string), int>();
        foreach (var entry in root.MappingList("communities"))
        {
            if (ReadCommunity(entry, defaults, problems) is not var (key, settings)) continue;
            if (firstLines.TryGetValue(key, out var first))
            {
                entry.Error("id", $"{key.Item1} community '{key.Item2}' is listed twice (first on line {first})");
                continue;
            }

            firstLines[key] = entry.LineOf("id");
            communities[key] = settings;
        }

        return problems.Items.Count > 0
            ? new CommunitiesParseResult(null, problems.Items)
            : new CommunitiesParseResult(new CommunityDirectory(defaults, communities), []);
    }

    private static CommunityFieldReader? ReadRoot(string path, CommunitiesProblems problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.File(1, "file not found");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.File(1, $"cannot be read: {ex.Message}");
            return null;
        }

        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            problems.File((int)ex.Start.Line, $"invalid YAML: {Clean(ex.InnerException?.Message ?? ex.Message)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some malformed plain scalars; see YamlDocumentLoader.
            problems.File(parser.Current is { } current ? (int)current.End.Line : 1, "invalid YAML: it cannot be read past here; look for an unclosed [list]");
            return null;
        }

        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping) return new CommunityFieldReader(mapping, problems);
        problems.File(1, "expected 'defaults:' and/or 'communities:' (see communities.example.yaml)");
        return null;
    }

    private static CommunitySettings ReadDefaults(CommunityFieldReader? reader, CommunitiesProblems problems)
    {
        if (reader is null) return CommunitySettings.Default;
        reader.RejectUnknownKeys(DefaultKeys, CommunityOnlyKeys);
        var defaults = CommunitySettings.Default;
        return defaults with
        {
            Region = Region(reader) ?? defaults.Region,
            PrivateByDefault = reader.Bool("private_by_default") ?? defaults.PrivateByDefault,
            QuestionRetention = Retention(reader) ?? defaults.QuestionRetention,
        };
    }

    /// <summary>One community; null when it cannot be identified (no usable platform or id).</summary>
    private static ((string Platform, string Id) Key, CommunitySettings Settings)? ReadCommunity(
        CommunityFieldReader reader, CommunitySettings defaults, CommunitiesProblems problems)
    {
        reader.RejectUnknownKeys(CommunityKeys);
        var platform = Platform(reader, problems);
        var id = reader.Text("id");
        if (id is null) problems.Field(reader.Line, "id", "missing: the Discord server id or the Slack team id (T...), in quotes");
        reader.Text("name");
        var answer = reader.Ids("answer_channels");
        var ignore = reader.Ids("ignore_channels");
        foreach (var (channel, line) in ignore.Where(i => answer.Any(a => string.Equals(a.Id, i.Id, StringComparison.Ordinal))))
        {
            problems.Field(line, "ignore_channels", $"'{channel}' is also in answer_channels; a channel is either answered in or ignored");
        }

        var settings = defaults with
        {
            Region = Region(reader) ?? defaults.Region,
            AnswerChannels = [.. answer.Select(a => a.Id).Distinct(StringComparer.Ordinal)],
            IgnoreChannels = [.. ignore.Select(i => i.Id).Distinct(StringComparer.Ordinal)],
            PrivateByDefault = reader.Bool("private_by_default") ?? defaults.PrivateByDefault,
            AlertChannel = reader.Text("alert_channel"),
            StoreRedactedQuestions = reader.Bool("store_redacted_questions") ?? false,
            QuestionRetention = Retention(reader) ?? defaults.QuestionRetention,
        };
        return platform is null || id is null ? null : ((platform, id), settings);
    }

    private static string? Platform(CommunityFieldReader reader, CommunitiesProblems problems)
    {
        var text = reader.Text("platform");
        if (text is null)
        {
            problems.Field(reader.Line, "platform", "missing: discord or slack");
            return null;
        }

        var platform = text.ToLowerInvariant();
        if (Platforms.Contains(platform)) return platform;
        reader.Error("platform", $"'{text}' is not discord or slack");
        return null;
    }

    private static string? Region(CommunityFieldReader reader)
    {
        var text = reader.Text("region");
        if (text is null) return null;
        if (RegionCode.Normalize(text) is { } region) return region;
        reader.Error("region", $"'{text}' is not a known region (use an ISO country code, EU or INTL)");
        return null;
    }

    private static TimeSpan? Retention(CommunityFieldReader reader)
    {
        var days = reader.Int("question_retention_days");
        if (days is null) return null;
        if (days is >= MinRetentionDays and <= MaxRetentionDays) return TimeSpan.FromDays(days.Value);
        reader.Error("question_retention_days", $"{days} is out of range ({MinRetentionDays} to {MaxRetentionDays} days)");
        return null;
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 40) - (Line: ...): "; the line is already in the message.
    private static string Clean(string message)
    {
        var index = message.LastIndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith('(') ? message[(index + 3)..] : message;
    }
}

using System.Collections.Frozen;
using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Validation;
using BotHost.Knowledge.Yaml;

namespace BotHost.Core.Communities;

/// <summary>
/// Reads communities.yaml (see communities.example.yaml at the repository root): per Discord server or Slack team, the
/// region, where the bot answers, privacy, the moderator alert channel and the opt-in question storage. It reads with
/// the knowledge files' <see cref="YamlFieldReader"/>, so its problems read like theirs (<c>file:line: error: ...</c>);
/// every problem is reported, so one edit fixes them all, and a file with problems yields no directory.
/// </summary>
public static class CommunitiesFile
{
    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 365;

    private const string Shape = "'defaults:' and/or 'communities:' (see communities.example.yaml)";

    private static readonly FrozenSet<string> Platforms = FrozenSet.Create(StringComparer.Ordinal, "discord", "slack");

    private static readonly string[] RootKeys = ["defaults", "communities"];

    private static readonly string[] DefaultKeys = ["region", "private_by_default", "dm_notice", "question_retention_days"];

    private static readonly string[] CommunityKeys =
    [
        "platform", "id", "name", "region", "answer_channels", "ignore_channels", "private_by_default", "dm_notice",
        "alert_channel", "store_redacted_questions", "question_retention_days", "console_token_sha256",
    ];

    /// <summary>Keys that belong to one community only, with the reason they cannot be defaults.</summary>
    private static readonly Dictionary<string, string> CommunityOnlyKeys = new(StringComparer.Ordinal)
    {
        ["answer_channels"] = "cannot be a default: channel ids belong to one community; set them under that community in 'communities'",
        ["ignore_channels"] = "cannot be a default: channel ids belong to one community; set them under that community in 'communities'",
        ["alert_channel"] = "cannot be a default: channel ids belong to one community; set it under that community in 'communities'",
        ["store_redacted_questions"] = "cannot be a default: storing questions is each community's own opt-in; set it under that community in 'communities'",
        ["console_token_sha256"] = "cannot be a default: each community's moderators get their own console token; set it under that community in 'communities'",
    };

    public static CommunitiesParseResult Parse(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var diagnostics = new DiagnosticBag();
        if (ReadRoot(path, diagnostics) is not { } root) return Failed(diagnostics);

        root.RejectUnknownKeys(RootKeys);
        var defaults = ReadDefaults(root.Mapping("defaults", required: false));
        var communities = new Dictionary<(string, string), CommunitySettings>();
        var firstLines = new Dictionary<(string, string), int>();
        var tokenLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in root.MappingList("communities", required: false) ?? [])
        {
            if (ReadCommunity(entry, defaults) is not var (key, settings)) continue;
            if (firstLines.TryGetValue(key, out var first))
            {
                entry.Error("id", $"{key.Item1} community '{key.Item2}' is listed twice (first on line {first})");
                continue;
            }

            firstLines[key] = entry.LineOf("id");
            communities[key] = settings;
            if (settings.ConsoleTokenSha256 is not { } hash) continue;
            if (tokenLines.TryGetValue(hash, out var other))
            {
                entry.Error("console_token_sha256", $"field '{entry.FieldName("console_token_sha256")}' is the same as on line {other}: give each community its own console token");
                continue;
            }

            tokenLines[hash] = entry.LineOf("console_token_sha256");
        }

        return diagnostics.HasErrors ? Failed(diagnostics) : new CommunitiesParseResult(new CommunityDirectory(defaults, communities), []);
    }

    private static CommunitiesParseResult Failed(DiagnosticBag diagnostics) =>
        new(null, [.. diagnostics.Items.Select(d => d.ToString())]);

    private static YamlFieldReader? ReadRoot(string path, DiagnosticBag diagnostics)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            diagnostics.Error(path, 1, "file not found");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(path, 1, $"cannot be read: {ex.Message}");
            return null;
        }

        return YamlDocumentLoader.LoadMapping(text, path, 0, diagnostics, Shape) is { } mapping
            ? new YamlFieldReader(mapping, path, 0, diagnostics)
            : null;
    }

    private static CommunitySettings ReadDefaults(YamlFieldReader? reader)
    {
        var defaults = CommunitySettings.Default;
        if (reader is null) return defaults;
        reader.RejectUnknownKeys(DefaultKeys, CommunityOnlyKeys);
        return defaults with
        {
            Region = Region(reader) ?? defaults.Region,
            PrivateByDefault = reader.Bool("private_by_default", required: false) ?? defaults.PrivateByDefault,
            DmNotice = reader.Bool("dm_notice", required: false) ?? defaults.DmNotice,
            QuestionRetention = Retention(reader) ?? defaults.QuestionRetention,
        };
    }

    /// <summary>One community; null when it cannot be identified (no usable platform or id).</summary>
    private static ((string Platform, string Id) Key, CommunitySettings Settings)? ReadCommunity(YamlFieldReader reader, CommunitySettings defaults)
    {
        reader.RejectUnknownKeys(CommunityKeys);
        var platform = Platform(reader);
        var id = reader.String("id", required: false);
        if (id is null) reader.Error("id", $"missing required field '{reader.FieldName("id")}': the Discord server id or the Slack team id (T...), in quotes");
        reader.String("name", required: false);
        var answer = reader.StringItems("answer_channels", required: false) ?? [];
        var ignore = reader.StringItems("ignore_channels", required: false) ?? [];
        foreach (var channel in ignore.Where(i => answer.Any(a => string.Equals(a.Value, i.Value, StringComparison.Ordinal))))
        {
            reader.Error(channel.Line, $"field '{reader.FieldName("ignore_channels")}' lists '{channel.Value}', which is also in answer_channels; a channel is either answered in or ignored");
        }

        var settings = defaults with
        {
            Region = Region(reader) ?? defaults.Region,
            AnswerChannels = [.. answer.Select(a => a.Value).Distinct(StringComparer.Ordinal)],
            IgnoreChannels = [.. ignore.Select(i => i.Value).Distinct(StringComparer.Ordinal)],
            PrivateByDefault = reader.Bool("private_by_default", required: false) ?? defaults.PrivateByDefault,
            DmNotice = reader.Bool("dm_notice", required: false) ?? defaults.DmNotice,
            AlertChannel = reader.String("alert_channel", required: false),
            StoreRedactedQuestions = reader.Bool("store_redacted_questions", required: false) ?? false,
            QuestionRetention = Retention(reader) ?? defaults.QuestionRetention,
            ConsoleTokenSha256 = ConsoleToken(reader),
        };
        return platform is null || id is null ? null : ((platform, id), settings);
    }

    private static string? Platform(YamlFieldReader reader)
    {
        var text = reader.String("platform", required: false);
        if (text is null)
        {
            reader.Error("platform", $"missing required field '{reader.FieldName("platform")}': discord or slack");
            return null;
        }

        var platform = text.ToLowerInvariant();
        if (Platforms.Contains(platform)) return platform;
        reader.Error("platform", $"field '{reader.FieldName("platform")}' must be discord or slack: '{text}'");
        return null;
    }

    private static string? Region(YamlFieldReader reader)
    {
        var text = reader.String("region", required: false);
        if (text is null) return null;
        if (RegionCode.Normalize(text) is { } region) return region;
        reader.Error("region", $"field '{reader.FieldName("region")}' is not a known region (an ISO country code, EU or INTL): '{text}'");
        return null;
    }

    /// <summary>
    /// <c>console_token_sha256</c>: the SHA-256 of the moderators' console token, as 64 hex digits. The value is never
    /// repeated in a problem, in case someone pasted the token itself.
    /// </summary>
    private static string? ConsoleToken(YamlFieldReader reader)
    {
        var text = reader.String("console_token_sha256", required: false);
        if (text is null) return null;
        var hash = text.Trim().ToLowerInvariant();
        if (hash.Length == 64 && hash.All(char.IsAsciiHexDigit)) return hash;
        reader.Error("console_token_sha256",
            $"field '{reader.FieldName("console_token_sha256")}' must be the SHA-256 of the moderators' token as 64 hexadecimal digits (printf %s \"$TOKEN\" | sha256sum), not the token itself");
        return null;
    }

    private static TimeSpan? Retention(YamlFieldReader reader)
    {
        var days = reader.WholeNumber("question_retention_days", required: false);
        if (days is null) return null;
        if (days is >= MinRetentionDays and <= MaxRetentionDays) return TimeSpan.FromDays(days.Value);
        reader.Error("question_retention_days", $"field '{reader.FieldName("question_retention_days")}' is out of range ({MinRetentionDays} to {MaxRetentionDays} days): {days}");
        return null;
    }
}

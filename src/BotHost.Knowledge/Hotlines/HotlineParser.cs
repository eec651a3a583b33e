using System.Text.RegularExpressions;
using BotHost.Knowledge.Validation;
using BotHost.Knowledge.Yaml;

namespace BotHost.Knowledge.Hotlines;

/// <summary>Parses and checks knowledge/hotlines.yaml; every problem is reported with its line.</summary>
internal static partial class HotlineParser
{
    private static readonly string[] KnownFields =
    [
        "id", "name", "operator", "region", "topics", "phone", "phone_words", "text", "url", "hours", "languages",
        "emergency", "general", "confidence", "verified", "source", "notes",
    ];

    private static readonly string[] Confidences = ["verified", "corroborated"];

    /// <returns>The directory, or null when the file is not valid YAML (so nothing can be said about its ids).</returns>
    public static HotlineDirectory? Parse(string file, string text, DiagnosticBag diagnostics)
    {
        var root = YamlDocumentLoader.LoadMapping(text, file, lineOffset: 0, diagnostics);
        if (root is null) return null;
        var document = new YamlFieldReader(root, file, 0, diagnostics);
        document.WarnUnknownKeys(["hotlines"]);
        var entries = document.MappingList("hotlines", required: true) ?? [];

        var hotlines = new List<Hotline>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var hotline = ParseEntry(entry);
            if (hotline is null) continue;
            if (seen.TryGetValue(hotline.Id, out var firstLine))
            {
                entry.Error("id", $"duplicate hotline id '{hotline.Id}' (first defined on line {firstLine})");
                continue;
            }

            seen[hotline.Id] = entry.LineOf("id");
            hotlines.Add(hotline);
        }

        return new HotlineDirectory(hotlines);
    }

    private static Hotline? ParseEntry(YamlFieldReader entry)
    {
        entry.WarnUnknownKeys(KnownFields);
        var id = entry.String("id", required: true);
        if (id is not null && !IdPattern().IsMatch(id)) entry.Error("id", $"hotline id '{id}' must be lower-case letters, digits and hyphens");
        var name = entry.String("name", required: true);
        var operatorName = entry.String("operator", required: true);
        var region = entry.String("region", required: true);
        if (region is not null && !RegionCode.IsValid(region))
        {
            entry.Error("region", $"unknown region '{region}' (expected an ISO country code such as US or GB, EU, or INTL)");
        }

        var topics = entry.StringList("topics", required: true);
        var phone = entry.String("phone", required: false);
        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            entry.Error("phone", $"phone '{phone}' must be only digits, spaces, hyphens and dots (put words such as '1-800-THE-LOST' in phone_words)");
        }

        var sms = ReadSms(entry);
        var url = entry.Url("url", required: false);
        if (phone is null && sms is null && url is null && !entry.Has("url"))
        {
            entry.Error("id", $"hotline '{id}' has no phone, text or url: members need a way to reach it");
        }

        var confidence = entry.String("confidence", required: true);
        if (confidence is not null && !Confidences.Contains(confidence))
        {
            entry.Error("confidence", $"confidence '{confidence}' is not allowed: only verified or corroborated services may be listed");
        }

        var verified = entry.Date("verified", required: true);
        var source = entry.Url("source", required: true);
        var emergency = entry.Bool("emergency", required: false) ?? false;
        var general = entry.Bool("general", required: false) ?? false;

        if (id is null || name is null || operatorName is null || region is null || topics is null || confidence is null
            || verified is null || source is null || (phone is null && sms is null && url is null))
        {
            return null;
        }

        return new Hotline
        {
            Id = id,
            Name = name,
            Operator = operatorName,
            Region = region,
            Topics = topics,
            Phone = phone,
            PhoneWords = entry.String("phone_words", required: false),
            Sms = sms,
            Url = url,
            Hours = entry.String("hours", required: false),
            Languages = entry.String("languages", required: false),
            Emergency = emergency,
            General = general,
            Confidence = confidence,
            Verified = verified.Value,
            Source = source,
        };
    }

    private static HotlineSms? ReadSms(YamlFieldReader entry)
    {
        var text = entry.Mapping("text", required: false);
        if (text is null) return null;
        text.WarnUnknownKeys(["number", "keyword"]);
        var number = text.String("number", required: true);
        if (number is not null && !PhonePattern().IsMatch(number))
        {
            text.Error("number", $"text number '{number}' must be only digits, spaces, hyphens and dots");
            return null;
        }

        return number is null ? null : new HotlineSms(number, text.String("keyword", required: false));
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 .\-]*[0-9]$|^[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

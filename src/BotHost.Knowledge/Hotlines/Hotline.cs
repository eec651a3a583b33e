namespace BotHost.Knowledge.Hotlines;

/// <summary>One service from knowledge/hotlines.yaml. Phone numbers and addresses in replies come only from here.</summary>
public sealed record Hotline
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Operator { get; init; }

    /// <summary>ISO country code, <c>EU</c> or <c>INTL</c>.</summary>
    public required string Region { get; init; }

    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>The number to dial: digits, spaces, hyphens, dots and an optional leading +.</summary>
    public string? Phone { get; init; }

    /// <summary>A vanity form or dialling note shown after the number ("1-800-THE-LOST", "TTY: 711").</summary>
    public string? PhoneWords { get; init; }

    /// <summary>The SMS line (the YAML field <c>text</c>).</summary>
    public HotlineSms? Sms { get; init; }

    public Uri? Url { get; init; }

    public string? Hours { get; init; }

    public string? Languages { get; init; }

    /// <summary>The region's emergency number (911, 999, 000, ...).</summary>
    public bool Emergency { get; init; }

    /// <summary>Listed as general help when the bot declines a question in this region.</summary>
    public bool General { get; init; }

    /// <summary><c>verified</c> or <c>corroborated</c>, as in the reference directory.</summary>
    public required string Confidence { get; init; }

    public required DateOnly Verified { get; init; }

    public required Uri Source { get; init; }

    public bool AppliesTo(string region) =>
        Region == RegionCode.International || string.Equals(Region, region, StringComparison.OrdinalIgnoreCase);
}

namespace BotHost.Knowledge.Hotlines;

/// <summary>Region codes used by articles, hotlines and communities: ISO 3166-1 alpha-2, <c>EU</c> or <c>INTL</c>.</summary>
public static class RegionCode
{
    /// <summary>Applies everywhere: international services are listed in every region.</summary>
    public const string International = "INTL";

    public const string EuropeanUnion = "EU";

    /// <summary>True for the exact forms knowledge files must use (upper case).</summary>
    public static bool IsValid(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code is International or EuropeanUnion || (code.Length == 2 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]));
    }

    /// <summary>
    /// Normalises what a person typed ("us", " gb ", "UK", "intl") to a code, or null when it is not one.
    /// "UK" is accepted for GB because that is what British moderators type.
    /// </summary>
    public static string? Normalize(string? input)
    {
        var code = input?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code)) return null;
        if (code is "UK") return "GB";
        return IsValid(code) ? code : null;
    }
}

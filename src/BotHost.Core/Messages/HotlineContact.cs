using BotHost.Knowledge.Hotlines;

namespace BotHost.Core.Messages;

/// <summary>
/// How a hotline is reached, worded once for every platform: "Call 988 (1-800-273-TALK)", "Text HOME to 741741", then
/// the hours. Numbers come only from the hotline directory; renderers escape and lay out these words, never reword them.
/// </summary>
public static class HotlineContact
{
    public const string Separator = " · ";

    /// <summary>The ways to reach <paramref name="hotline"/> (phone, SMS) followed by its hours, each a short phrase.</summary>
    public static IReadOnlyList<string> Ways(Hotline hotline)
    {
        var parts = Reach(hotline);
        if (hotline.Hours is { } hours) parts.Add(hours);
        return parts;
    }

    /// <summary><see cref="Ways"/> on one line.</summary>
    public static string Line(Hotline hotline) => string.Join(Separator, Ways(hotline));

    /// <summary>The whole entry as plain text, website included: "Name (US): Call … · Text … · https://… · 24/7".</summary>
    public static string Describe(Hotline hotline)
    {
        var parts = Reach(hotline);
        if (hotline.Url is { } url) parts.Add(url.ToString());
        if (hotline.Hours is { } hours) parts.Add(hours);
        return $"{hotline.Name} ({hotline.Region}): {string.Join(Separator, parts)}";
    }

    private static List<string> Reach(Hotline hotline)
    {
        ArgumentNullException.ThrowIfNull(hotline);
        var parts = new List<string>(4);
        if (hotline.Phone is { } phone) parts.Add(hotline.PhoneWords is { } words ? $"Call {phone} ({words})" : $"Call {phone}");
        if (hotline.Sms is { } sms) parts.Add(sms.Keyword is { } keyword ? $"Text {keyword} to {sms.Number}" : $"Text {sms.Number}");
        return parts;
    }
}

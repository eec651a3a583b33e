using System.Text.RegularExpressions;

namespace BotHost.Core.Safety;

/// <summary>
/// Removes what could identify someone from text that must be recorded (the opt-in gap analytics): email
/// addresses, links, chat mentions, phone numbers and other long numbers.
/// </summary>
public static partial class Redactor
{
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = Email().Replace(text, "[email]");
        redacted = Link().Replace(redacted, "[link]");
        redacted = Mention().Replace(redacted, "[mention]");
        redacted = Phone().Replace(redacted, "[phone]");
        redacted = LongNumber().Replace(redacted, "[number]");
        return redacted;
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(\.[\p{L}\p{N}\-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?i)\b(?:https?://|www\.)\S+|\b[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.(?:com|org|net|io|gg|me|co|uk|ca|au|us|info|app|xyz|ly)\b(?:/\S*)?", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"<[@#!][^>\s]*>|@(?:everyone|here)\b|@[\p{L}\p{N}_.]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();

    /// <summary>A number written with a leading + or with separators ("+44 7700 900123", "(555) 010-9999"); a plain run of digits is a long number.</summary>
    [GeneratedRegex(@"\+\d[\d\s().\-]{5,}\d|\(?\d{2,5}\)?[\s.\-]\d[\d\s.\-]{4,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex(@"\d{6,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumber();
}

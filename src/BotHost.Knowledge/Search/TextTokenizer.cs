using System.Globalization;

namespace BotHost.Knowledge.Search;

/// <summary>
/// Splits text into lower-case, diacritic-free word tokens the way SQLite's unicode61 tokenizer does
/// (letters, numbers and private-use characters are token characters; everything else separates), keeping each
/// token's position in the original text so snippets can highlight it.
/// </summary>
public static class TextTokenizer
{
    /// <summary>Tokens longer than this are cut: nobody types a 200-letter word, and it bounds the work.</summary>
    public const int MaxTokenLength = 64;

    public static IReadOnlyList<Token> Tokenize(string text, int maxTokens = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length && tokens.Count < maxTokens)
        {
            if (!IsTokenChar(text, i))
            {
                i += char.IsSurrogatePair(text, i) ? 2 : 1;
                continue;
            }

            var start = i;
            while (i < text.Length && IsTokenChar(text, i)) i += char.IsSurrogatePair(text, i) ? 2 : 1;
            var word = Fold(text.AsSpan(start, i - start));
            if (word.Length > 0) tokens.Add(new Token(word.Length > MaxTokenLength ? word[..MaxTokenLength] : word, start, i - start));
        }

        return tokens;
    }

    /// <summary>Lower-cases and removes diacritics ("Café" -> "cafe"), as unicode61 with remove_diacritics 2 does.</summary>
    public static string Fold(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 128 ? stackalloc char[word.Length] : new char[word.Length];
        var length = 0;
        foreach (var c in word)
        {
            // Combining marks written separately ("e" + U+0301) are dropped, like precomposed accents.
            if (c is >= '\u0300' and <= '\u036F') continue;
            buffer[length++] = DiacriticFolding.Fold(char.ToLowerInvariant(c));
        }

        return new string(buffer[..length]);
    }

    private static bool IsTokenChar(string text, int index)
    {
        var category = char.IsSurrogatePair(text, index)
            ? CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[index], text[index + 1]))
            : CharUnicodeInfo.GetUnicodeCategory(text[index]);
        return category switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            UnicodeCategory.PrivateUse => true,
            // unicode61 keeps combining marks inside a word ("é" written as e + accent).
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => index > 0 && IsTokenChar(text, index - 1),
            _ => false,
        };
    }
}

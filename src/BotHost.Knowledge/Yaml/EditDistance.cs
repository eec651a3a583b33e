namespace BotHost.Knowledge.Yaml;

/// <summary>
/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two neighbouring letters
/// each count as one edit, as in Meilisearch's typo tolerance ("sextrotion" is one typo away from "sextortion").
/// </summary>
internal static class EditDistance
{
    private const int StackLimit = 128;

    public static int Compute(string a, string b, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compute(a.AsSpan(), b.AsSpan(), max);
    }

    /// <summary>The distance, or <paramref name="max"/> + 1 as soon as it is certain to exceed <paramref name="max"/>.</summary>
    public static int Compute(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        var over = max == int.MaxValue ? max : max + 1;
        if (Math.Abs(a.Length - b.Length) > max) return over;
        var width = b.Length + 1;
        Span<int> rows = width * 3 <= StackLimit * 3 ? stackalloc int[width * 3] : new int[width * 3];
        var beforePrevious = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, beforePrevious[j - 2] + 1);
                }

                current[j] = best;
                rowMin = Math.Min(rowMin, best);
            }

            if (rowMin > max) return over;
            previous.CopyTo(beforePrevious);
            current.CopyTo(previous);
        }

        return previous[b.Length];
    }
}

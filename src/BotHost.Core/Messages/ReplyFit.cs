using BotHost.Core.Console;
using BotHost.Knowledge.Answers;

namespace BotHost.Core.Messages;

/// <summary>
/// Keeps a reply on one phone screen (issue #15: under <see cref="PhoneScreen"/> characters of text) by giving up the
/// least needed parts of its quoted passages first, and never the bot's own wording, the hotlines or the steps:
/// <list type="number">
/// <item>each passage shows one source (the others stay behind "More sources");</item>
/// <item>each passage, last first, is cut to its leading whole sentences (at least one), so it stays a quote;</item>
/// <item>in urgent help and refusals, the passage after the help is left out (the help comes first).</item>
/// </list>
/// The measure (<see cref="Measure"/>) is the console rendering, which prints every source and hotline with its address,
/// plus each hotline's name once more, as Discord repeats it on the hotline's link button: an upper bound of the three
/// renderings (<c>bothost kb lengths</c> and its test measure each of them).
/// </summary>
public static class ReplyFit
{
    /// <summary>What fits one phone screen: every reply stays below it on every rendering.</summary>
    public const int PhoneScreen = 1200;

    public static Reply ToPhoneScreen(Reply reply) => Fit(reply, Measure, PhoneScreen);

    /// <summary>
    /// The console text's length (without its note on where a private reply goes, which no member reads) plus what
    /// Discord adds to it: each hotline's name again on its link button, the buttons under the reply (More sources,
    /// Helpful, Not helpful: <see cref="ButtonLabels"/>) and the bold marks around each matched word of a quote.
    /// </summary>
    public static int Measure(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var passages = reply.Blocks.OfType<PassageBlock>().Select(b => b.Passage).ToList();
        return ConsoleReplyRenderer.Render(reply with { Visibility = ReplyVisibility.Public }).TrimEnd().Length
            + reply.Blocks.OfType<HotlinesBlock>().SelectMany(b => b.Hotlines).Sum(h => h.Name.Length)
            + (passages.Count > 0 || reply.Feedback is not null ? ButtonLabels : 0)
            + passages.Sum(p => 4 * p.Snippet.Highlights.Count);
    }

    /// <summary>"More sources", "Helpful" and "Not helpful": the labels of the buttons under a reply with a quote.</summary>
    private const int ButtonLabels = 12 + 7 + 11;

    /// <summary>The reply, shortened as little as needed so that <paramref name="measure"/> is below <paramref name="limit"/>.</summary>
    public static Reply Fit(Reply reply, Func<Reply, int> measure, int limit)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(measure);
        if (!reply.Blocks.Any(b => b is PassageBlock) || measure(reply) < limit) return reply;

        var fitted = WithPassages(reply, (_, p) => p.Sources.Count > 1 ? p with { Sources = [p.Sources[0]] } : p);
        var over = measure(fitted) - limit + 1;
        if (over <= 0) return fitted;

        var passages = fitted.Blocks.Select((b, i) => (Block: b, Index: i)).Where(x => x.Block is PassageBlock).Select(x => x.Index).Reverse().ToList();
        foreach (var index in passages)
        {
            var passage = ((PassageBlock)fitted.Blocks[index]).Passage;
            var shorter = LeadingSentences(passage.Snippet, passage.Snippet.Text.Length - over);
            if (shorter.Text.Length == passage.Snippet.Text.Length) continue;
            fitted = WithPassages(fitted, (i, p) => i == index ? p with { Snippet = shorter } : p);
            over = measure(fitted) - limit + 1;
            if (over <= 0) return fitted;
        }

        if (fitted.Kind is not (ReplyKind.Urgent or ReplyKind.Refusal or ReplyKind.Distress)) return fitted;
        foreach (var index in passages)
        {
            var article = ((PassageBlock)fitted.Blocks[index]).Passage.ArticleId;
            List<ReplyBlock> blocks = [.. fitted.Blocks.Where((_, i) => i != index)];
            var shown = blocks.OfType<PassageBlock>().Any(p => p.Passage.ArticleId == article);
            fitted = fitted with { Blocks = blocks, Feedback = shown || fitted.Feedback?.ArticleId != article ? fitted.Feedback : null };
            if (measure(fitted) < limit) return fitted;
        }

        return fitted;
    }

    /// <summary>
    /// The snippet's leading whole sentences within <paramref name="maxLength"/> characters (the first sentence when
    /// even that is longer), marked as trimmed, with the highlights that fall inside.
    /// </summary>
    public static Snippet LeadingSentences(Snippet snippet, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(snippet);
        var text = snippet.Text;
        if (text.Length <= maxLength) return snippet;
        var end = -1;
        for (var i = 0; i < text.Length - 1; i++)
        {
            var sentenceEnd = (text[i] is '.' or '!' or '?' or '…' && char.IsWhiteSpace(text[i + 1])) || text[i + 1] == '\n';
            if (!sentenceEnd) continue;
            if (end >= 0 && i + 1 > maxLength) break;
            end = i + 1;
        }

        if (end <= 0) return snippet;
        var cut = text[..end].TrimEnd();
        return new Snippet(cut, [.. snippet.Highlights.Where(h => h.End <= cut.Length)], Trimmed: true);
    }

    private static Reply WithPassages(Reply reply, Func<int, AnswerPassage, AnswerPassage> change) =>
        reply with { Blocks = [.. reply.Blocks.Select((b, i) => b is PassageBlock p ? new PassageBlock(change(i, p.Passage)) : b)] };
}

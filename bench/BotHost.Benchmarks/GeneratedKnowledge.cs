using BotHost.Knowledge;
using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Search;

namespace BotHost.Benchmarks;

/// <summary>
/// A large synthetic knowledge base for scale benchmarks: articles shaped like the real ones (title, 6 questions,
/// tags, 4 sections of about 600 characters), with words drawn Zipf-style from the shipped articles' vocabulary
/// plus invented words, so term frequencies look like real text. Deterministic for a given seed and shipped articles:
/// when the shipped articles change, so do the generated ones (and a vector cache filled for them no longer matches);
/// <see cref="Vocabulary"/> reads the words from another knowledge folder, e.g. the one a cache was filled from.
/// </summary>
internal static class GeneratedKnowledge
{
    public static KnowledgeSnapshot Create(KnowledgeSnapshot shipped, int articleCount, int seed = 42)
    {
        var random = new Random(seed);
        var vocabulary = shipped.Articles
            .SelectMany(a => a.Sections.Select(s => s.Text).Append(a.Title).Concat(a.Questions))
            .SelectMany(t => TextTokenizer.Tokenize(t).Select(x => x.Text))
            .GroupBy(w => w, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .Concat(Enumerable.Range(0, 20_000).Select(i => Invented(i)))
            .ToArray();

        var articles = new List<Article>(articleCount);
        for (var i = 0; i < articleCount; i++)
        {
            articles.Add(new Article
            {
                Id = $"generated-{i}",
                Title = Sentence(random, vocabulary, 5),
                Summary = Sentence(random, vocabulary, 25),
                Questions = [.. Enumerable.Range(0, 6).Select(_ => Sentence(random, vocabulary, 8))],
                Tags = [.. Enumerable.Range(0, 4).Select(_ => Word(random, vocabulary))],
                Audiences = [Audience.All],
                Regions = ["INTL"],
                HotlineIds = [],
                Sensitive = false,
                Sources = [new ArticleSource("Generated", "Benchmark", new Uri("https://example.org"), null)],
                Reviewed = new DateOnly(2026, 11, 1),
                ReviewedBy = "benchmark",
                ReviewBy = new DateOnly(2027, 5, 1),
                Sections = [.. Enumerable.Range(0, 4).Select(s => new ArticleSection($"Section {s}", $"section-{s}", Paragraph(random, vocabulary), s))],
                Path = $"articles/generated-{i}.md",
            });
        }

        return new KnowledgeSnapshot(articles, shipped.Hotlines, shipped.Synonyms, $"generated-{articleCount}");
    }

    /// <summary>
    /// The articles whose words the generated ones use: those of <c>--vocabulary DIR</c> in <paramref name="args"/>
    /// (a knowledge folder, e.g. <c>git archive 5ccaf4d knowledge</c> unpacked, the articles perf8's 10,000-article
    /// vector cache was filled from), else <paramref name="shipped"/>.
    /// </summary>
    public static KnowledgeSnapshot Vocabulary(KnowledgeSnapshot shipped, IReadOnlyList<string> args)
    {
        var at = args.ToList().IndexOf("--vocabulary");
        if (at < 0) return shipped;
        if (at + 1 >= args.Count) throw new ArgumentException("--vocabulary needs a knowledge folder");
        var (snapshot, diagnostics) = KnowledgeLoader.Load(args[at + 1], DateOnly.FromDateTime(DateTime.UtcNow));
        return snapshot ?? throw new InvalidOperationException($"--vocabulary {args[at + 1]}: {string.Join("; ", diagnostics.Take(3))}");
    }

    // Zipf-like: the square of a uniform number favours the common words at the front of the list.
    private static string Word(Random random, string[] vocabulary) => vocabulary[(int)(Math.Pow(random.NextDouble(), 2.5) * vocabulary.Length)];

    private static string Sentence(Random random, string[] vocabulary, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Word(random, vocabulary)));

    private static string Paragraph(Random random, string[] vocabulary) =>
        string.Join(". ", Enumerable.Range(0, 8).Select(_ => Sentence(random, vocabulary, 12))) + ".";

    private static string Invented(int i)
    {
        const string letters = "bcdfghjklmnprstvwz";
        const string vowels = "aeiou";
        var chars = new char[6];
        for (var k = 0; k < chars.Length; k++)
        {
            chars[k] = k % 2 == 0 ? letters[(i + (k * 7)) % letters.Length] : vowels[((i / 3) + k) % vowels.Length];
            i /= k % 2 == 0 ? 2 : 1;
        }

        return new string(chars);
    }
}

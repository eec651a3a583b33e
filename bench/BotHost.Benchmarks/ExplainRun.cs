using System.Globalization;
using BotHost.Knowledge;
using BotHost.Knowledge.Evaluation;

namespace BotHost.Benchmarks;

/// <summary>
/// Prints what the engine saw for each eval question: its concepts (known or not), and the top articles with bm25
/// score, coverage, anchor and confidence. For maintainers working on ranking and declining (never on the eval files).
/// Run: <c>dotnet run -c Release --project bench/BotHost.Benchmarks -- explain [questions.tsv]</c>.
/// </summary>
internal static class ExplainRun
{
    public static void Run(TextWriter output, string file)
    {
        var path = RepositoryPaths.Knowledge();
        var full = Path.IsPathRooted(file) ? file : Path.Combine(path, "eval", file);
        var cases = EvalSetReader.Read(full, File.ReadAllText(full)).Cases;
        using var knowledge = KnowledgeBase.Load(new KnowledgeOptions { Path = path }, TimeProvider.System).Knowledge!;
        foreach (var c in cases)
        {
            var result = knowledge.Search(c.Question, "INTL");
            var concepts = string.Join(' ', result.Query.Concepts.Select(k => k.Known ? k.Typed : k.Typed + "?"));
            var top = string.Join("  ", result.Ranked.Take(3).Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{knowledge.Articles[r.Article].Id}[s={r.Score:0.0} c={r.Coverage:0.00} a={r.Anchor:0.00} t={r.TopicCoverage:0.00} q={r.QuestionScore:0.0} o={r.OffTopicScore:0.0} p={r.Confidence:0.00}]")));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(result.Ranked.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"F {result.Ranked[0].Coverage:0.0000} {result.Ranked[0].Score:0.0000} {result.Ranked[0].Anchor:0.0000} {result.Ranked[0].TopicCoverage:0.0000} {result.Ranked[0].QuestionScore:0.0000} {result.Ranked[0].OffTopicScore:0.0000}") : "F - - - - - -")}\t{c.Line}\t{c.Expectation}:{string.Join(',', c.Expected)}\t{(result.Declined ? "DECLINE" : "answer")}\t{c.Question}\t{{{concepts}}}\t{top}"));
        }
    }
}

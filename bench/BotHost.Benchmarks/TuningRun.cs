using System.Globalization;
using BotHost.Knowledge;
using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Search;

namespace BotHost.Benchmarks;

/// <summary>
/// Sweeps ranking parameters over both eval sets and prints the figures, for maintainers tuning the engine
/// (never the eval files). Run: <c>dotnet run -c Release --project bench/BotHost.Benchmarks -- tune</c>.
/// Ranking figures do not depend on the decline threshold; the decision figures use the options' threshold.
/// </summary>
internal static class TuningRun
{
    public static void Run(TextWriter output)
    {
        var path = RepositoryPaths.Knowledge();
        var sets = new[] { "questions.tsv", "dev-questions.tsv" }
            .Select(f => Path.Combine(path, "eval", f))
            .Select(f => EvalSetReader.Read(f, File.ReadAllText(f)).Cases)
            .ToArray();
        var snapshot = KnowledgeBase.Load(new KnowledgeOptions { Path = path }, TimeProvider.System).Knowledge!.Snapshot;
        output.WriteLine("weights(t,q,g,s,h,b)        qw   unk   cov | blind r1   r3   mrr | dev r1   r3   mrr | mean r1");
        foreach (var weights in WeightGrid())
        {
            foreach (var questionWeight in new[] { 0.5, 1.0, 1.5, 2.0 })
            {
                foreach (var coverage in new[] { 0.0, 1.0, 2.0 })
                {
                    var ranking = RankingParameters.Default with { QuestionWeight = questionWeight, CoverageExponent = coverage };
                    var options = new KnowledgeOptions { Path = path, Weights = weights, Ranking = ranking };
                    using var knowledge = KnowledgeBase.Build(snapshot, options, TimeProvider.System);
                    var reports = sets.Select(s => Evaluator.Run(s, Outcome(knowledge))).ToArray();
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{Describe(weights),-26} {questionWeight,4:0.0} {ranking.UnknownWordWeight,5:0.0} {coverage,5:0.0} | " +
                        $"{reports[0].RecallAt1,8:0.000} {reports[0].RecallAt3,5:0.000} {reports[0].Mrr,5:0.000} | " +
                        $"{reports[1].RecallAt1,6:0.000} {reports[1].RecallAt3,5:0.000} {reports[1].Mrr,5:0.000} | " +
                        $"{(reports[0].RecallAt1 + reports[1].RecallAt1) / 2,7:0.000}"));
                }
            }
        }
    }

    private static Func<string, EvalOutcome> Outcome(KnowledgeBase knowledge) => q =>
    {
        var result = knowledge.Search(q, "INTL");
        return new EvalOutcome([.. result.Ranked.Select(r => knowledge.Articles[r.Article].Id)], result.Declined, Refused: false);
    };

    private static IEnumerable<SearchWeights> WeightGrid()
    {
        foreach (var title in new[] { 2.0, 5.0 })
        {
            foreach (var questions in new[] { 1.0, 3.0 })
            {
                foreach (var body in new[] { 0.5, 1.0 })
                {
                    yield return new SearchWeights(title, questions, Tags: 2, Summary: 1, Heading: 1.5, body);
                }
            }
        }
    }

    private static string Describe(SearchWeights w) =>
        string.Create(CultureInfo.InvariantCulture, $"{w.Title},{w.Questions},{w.Tags},{w.Summary},{w.Heading},{w.Body}");
}

using System.Diagnostics;
using System.Text.Json;

namespace BotHost.Knowledge.Evaluation;

/// <summary>Runs eval cases through a system under test and computes the figures of <c>kb eval</c>.</summary>
public static class Evaluator
{
    private const int MrrDepth = 10;

    /// <param name="system">The bot as a function: question in, what it did out.</param>
    public static EvalReport Run(IReadOnlyList<EvalCase> cases, Func<string, EvalOutcome> system)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(system);
        var latencies = new List<double>(cases.Count);
        var misses = new List<EvalMiss>();
        int inScope = 0, hit1 = 0, hit3 = 0, answered = 0, offTopic = 0, declined = 0, refuseCases = 0, refused = 0, sectionCases = 0, sectionHits = 0;
        var reciprocalRanks = 0.0;
        foreach (var c in cases)
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = system(c.Question);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            switch (c.Expectation)
            {
                case EvalExpectation.Answer:
                    inScope++;
                    var rank = RankOf(outcome.Ranked, c.Expected);
                    if (rank == 1) hit1++;
                    if (rank is >= 1 and <= 3) hit3++;
                    if (rank >= 1) reciprocalRanks += 1.0 / rank;
                    if (outcome.Answered) answered++;
                    var sectionMissed = false;
                    if (c.HasSections)
                    {
                        sectionCases++;
                        if (outcome.TopSection is { } top && c.Sections!.Contains(top, StringComparer.Ordinal)) sectionHits++;
                        else sectionMissed = true;
                    }

                    if (rank != 1 || !outcome.Answered || sectionMissed) misses.Add(Miss(c, rank, outcome));
                    break;
                case EvalExpectation.Decline:
                    offTopic++;
                    if (outcome.Answered) misses.Add(Miss(c, 0, outcome));
                    else declined++;
                    break;
                case EvalExpectation.Refuse:
                    refuseCases++;
                    if (outcome.Refused) refused++;
                    else misses.Add(Miss(c, 0, outcome));
                    break;
            }
        }

        latencies.Sort();
        return new EvalReport
        {
            Questions = cases.Count,
            InScope = inScope,
            OffTopic = offTopic,
            RefuseCases = refuseCases,
            RecallAt1 = Ratio(hit1, inScope),
            RecallAt3 = Ratio(hit3, inScope),
            Mrr = inScope == 0 ? null : reciprocalRanks / inScope,
            DeclineRate = Ratio(declined, offTopic),
            AnswerRate = Ratio(answered, inScope),
            RefuseRate = Ratio(refused, refuseCases),
            SectionCases = sectionCases,
            SectionAccuracy = Ratio(sectionHits, sectionCases),
            LatencyP50Micros = Percentile(latencies, 0.50),
            LatencyP99Micros = Percentile(latencies, 0.99),
            Misses = misses,
        };
    }

    public static string ToJson(EvalReport report) => JsonSerializer.Serialize(report, EvalJsonContext.Default.EvalReport);

    private static int RankOf(IReadOnlyList<string> ranked, IReadOnlyList<string> expected)
    {
        for (var i = 0; i < Math.Min(ranked.Count, MrrDepth); i++)
        {
            if (expected.Contains(ranked[i], StringComparer.Ordinal)) return i + 1;
        }

        return 0;
    }

    private static EvalMiss Miss(EvalCase c, int rank, EvalOutcome outcome)
    {
        var expected = c.Expectation switch
        {
            EvalExpectation.Decline => EvalSetReader.DeclineMarker,
            EvalExpectation.Refuse => EvalSetReader.RefuseMarker,
            _ => string.Join('|', c.HasSections ? c.Sections! : c.Expected),
        };
        var top = string.Join(',', outcome.Ranked.Take(3));
        if (c.HasSections && outcome.TopSection is { } section && outcome.Ranked.Count > 0) top = string.Join(',', outcome.Ranked.Take(3).Skip(1).Prepend(section));
        var got = outcome.Refused ? "refused" : outcome.Declined ? $"declined ({(top.Length > 0 ? top : "no match")})" : top;
        return new EvalMiss(c.Line, c.Question, expected, rank, got);
    }

    private static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

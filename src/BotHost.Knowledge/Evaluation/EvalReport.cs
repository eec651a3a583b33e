using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace BotHost.Knowledge.Evaluation;

/// <summary>
/// The figures of one <c>kb eval</c> run. Ratios are null when the eval file has no line of that kind.
/// Recall and MRR measure the ranking (as the Lucene baseline does); answer and decline rates measure the decision.
/// </summary>
public sealed record EvalReport
{
    [JsonPropertyName("questions")] public required int Questions { get; init; }

    [JsonPropertyName("in_scope")] public required int InScope { get; init; }

    [JsonPropertyName("off_topic")] public required int OffTopic { get; init; }

    [JsonPropertyName("refuse_cases")] public required int RefuseCases { get; init; }

    [JsonPropertyName("recall_at_1")] public required double? RecallAt1 { get; init; }

    [JsonPropertyName("recall_at_3")] public required double? RecallAt3 { get; init; }

    [JsonPropertyName("mrr")] public required double? Mrr { get; init; }

    /// <summary>Share of off-topic (<c>-</c>) questions declined.</summary>
    [JsonPropertyName("decline_rate")] public required double? DeclineRate { get; init; }

    /// <summary>Share of in-scope questions answered (not declined or refused).</summary>
    [JsonPropertyName("answer_rate")] public required double? AnswerRate { get; init; }

    /// <summary>Share of <c>!refuse</c> requests refused.</summary>
    [JsonPropertyName("refuse_rate")] public required double? RefuseRate { get; init; }

    /// <summary>In-scope lines that name the section to quote (<c>article#section</c>).</summary>
    [JsonPropertyName("section_cases")] public int SectionCases { get; init; }

    /// <summary>Share of those lines whose top answer quotes a section they name.</summary>
    [JsonPropertyName("section_accuracy")] public double? SectionAccuracy { get; init; }

    [JsonPropertyName("latency_p50_us")] public required double LatencyP50Micros { get; init; }

    [JsonPropertyName("latency_p99_us")] public required double LatencyP99Micros { get; init; }

    [JsonPropertyName("misses")] public required IReadOnlyList<EvalMiss> Misses { get; init; }

    /// <summary>Each figure below its target, as "recall_at_1 0.850 &lt; 0.900".</summary>
    public IReadOnlyList<string> Failures(EvalTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var failures = new List<string>();
        Check("recall_at_1", RecallAt1, targets.RecallAt1);
        Check("recall_at_3", RecallAt3, targets.RecallAt3);
        Check("mrr", Mrr, targets.Mrr);
        Check("decline_rate", DeclineRate, targets.DeclineRate);
        Check("answer_rate", AnswerRate, targets.AnswerRate);
        Check("refuse_rate", RefuseRate, targets.RefuseRate);
        Check("section_accuracy", SectionAccuracy, targets.SectionAccuracy);
        return failures;

        void Check(string name, double? value, double target)
        {
            if (value is { } v && v + 1e-9 < target)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {v:0.000} < {target:0.000}"));
            }
        }
    }

    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var miss in Misses)
        {
            var rank = miss.Rank > 0 ? miss.Rank.ToString(CultureInfo.InvariantCulture) : "-";
            text.Append(CultureInfo.InvariantCulture, $"miss line {miss.Line} rank={rank}\t{miss.Question}\texpected={miss.Expected}\tgot={miss.Got}\n");
        }

        if (Misses.Count > 0) text.Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"questions={Questions} in_scope={InScope} off_topic={OffTopic} refuse={RefuseCases}\n");
        text.Append(CultureInfo.InvariantCulture, $"recall@1={Format(RecallAt1)} recall@3={Format(RecallAt3)} mrr@10={Format(Mrr)}\n");
        text.Append(CultureInfo.InvariantCulture, $"answered={Format(AnswerRate)} declined_off_topic={Format(DeclineRate)} refused={Format(RefuseRate)}\n");
        if (SectionCases > 0) text.Append(CultureInfo.InvariantCulture, $"section_accuracy={Format(SectionAccuracy)} (of {SectionCases})\n");
        text.Append(CultureInfo.InvariantCulture, $"latency_us p50={LatencyP50Micros:0.0} p99={LatencyP99Micros:0.0}\n");
        return text.ToString();
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}

using System.Globalization;

namespace BotHost.Knowledge.Evaluation;

/// <summary>The figures below which <c>kb eval</c> fails (and with it CI). Set by the answer-quality and safety issues.</summary>
/// <param name="SectionAccuracy">For lines that name the section to quote; no target by default (the issue sets none), CI sets floors.</param>
public sealed record EvalTargets(double RecallAt1, double RecallAt3, double Mrr, double DeclineRate, double AnswerRate, double RefuseRate, double SectionAccuracy = 0)
{
    public static EvalTargets Default { get; } = new(RecallAt1: 0.90, RecallAt3: 0.97, Mrr: 0.92, DeclineRate: 0.95, AnswerRate: 0.97, RefuseRate: 1.00);

    /// <summary>
    /// Parses <c>recall_at_1=0.85,answer_rate=0.95</c> (the names of <c>kb eval --json</c>); metrics not named keep
    /// the value of <paramref name="defaults"/>. Used for a regression floor while the targets are not yet met.
    /// </summary>
    public static EvalTargets Parse(string text, EvalTargets defaults)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(defaults);
        var result = defaults;
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1)
            {
                throw new FormatException($"'{pair}' is not metric=value with a value from 0 to 1");
            }

            result = parts[0] switch
            {
                "recall_at_1" => result with { RecallAt1 = value },
                "recall_at_3" => result with { RecallAt3 = value },
                "mrr" => result with { Mrr = value },
                "decline_rate" => result with { DeclineRate = value },
                "answer_rate" => result with { AnswerRate = value },
                "refuse_rate" => result with { RefuseRate = value },
                "section_accuracy" => result with { SectionAccuracy = value },
                _ => throw new FormatException($"unknown metric '{parts[0]}' (recall_at_1, recall_at_3, mrr, decline_rate, answer_rate, refuse_rate, section_accuracy)"),
            };
        }

        return result;
    }
}

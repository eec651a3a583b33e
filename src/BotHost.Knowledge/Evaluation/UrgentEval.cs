using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BotHost.Knowledge.Evaluation;

/// <summary>One line of an urgent eval file: <c>message TAB urgent TAB category</c> or <c>message TAB normal</c>.</summary>
public sealed record UrgentEvalCase(string Message, string? Category, int Line)
{
    public bool IsUrgent => Category is not null;
}

/// <summary>A message the classifier got wrong (recorded for maintainers: eval messages are written for the file, not member text).</summary>
public sealed record UrgentEvalMiss(
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("expected")] string Expected,
    [property: JsonPropertyName("got")] string Got);

/// <summary>How well the urgent classifier does on an eval file.</summary>
public sealed record UrgentEvalReport
{
    [JsonPropertyName("urgent_cases")] public required int UrgentCases { get; init; }

    [JsonPropertyName("normal_cases")] public required int NormalCases { get; init; }

    /// <summary>Urgent messages recognised as urgent (any category): the figure that must be 1.00.</summary>
    [JsonPropertyName("urgent_recall")] public required double? UrgentRecall { get; init; }

    /// <summary>Urgent messages given the expected category (it decides which services are shown).</summary>
    [JsonPropertyName("category_accuracy")] public required double? CategoryAccuracy { get; init; }

    [JsonPropertyName("normal_false_positive_rate")] public required double? NormalFalsePositiveRate { get; init; }

    [JsonPropertyName("misses")] public required IReadOnlyList<UrgentEvalMiss> Misses { get; init; }

    /// <summary>
    /// Urgent messages answered with an article for people worried about their own thoughts (<see cref="MisrouteEvaluator"/>);
    /// null when not measured. Any one fails the run, whatever the floors.
    /// </summary>
    [JsonPropertyName("misroutes")] public IReadOnlyList<UrgentEvalMiss>? Misroutes { get; init; }

    public const double RecallTarget = 1.0;
    public const double FalsePositiveTarget = 0.05;

    /// <param name="recallFloor">The lowest acceptable recall (a regression floor for sets below the target).</param>
    /// <param name="falsePositiveCeiling">The highest acceptable false-alarm rate.</param>
    public IReadOnlyList<string> Failures(double recallFloor = RecallTarget, double falsePositiveCeiling = FalsePositiveTarget)
    {
        var failures = new List<string>();
        if (Misroutes is { Count: > 0 } misroutes)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"misroutes {misroutes.Count} > 0 (an urgent message answered with an own-thoughts article)"));
        }

        if (UrgentRecall < recallFloor) failures.Add(string.Create(CultureInfo.InvariantCulture, $"urgent_recall {UrgentRecall:0.000} < {recallFloor:0.000}"));
        if (NormalFalsePositiveRate > falsePositiveCeiling)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"normal_false_positive_rate {NormalFalsePositiveRate:0.000} > {falsePositiveCeiling:0.000}"));
        }

        return failures;
    }

    /// <param name="showMisses">False for blind sets: their lines are measured, never read to tune.</param>
    public string ToText(bool showMisses = true)
    {
        var text = new StringBuilder();
        if (showMisses)
        {
            foreach (var miss in Misses)
            {
                text.Append(CultureInfo.InvariantCulture, $"miss line {miss.Line}\t{miss.Message}\texpected={miss.Expected}\tgot={miss.Got}\n");
            }

            if (Misses.Count > 0) text.Append('\n');
        }
        else if (Misses.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Misses.Count} misses (not shown: a blind set is measured, never read to tune)\n");
        }

        if (showMisses)
        {
            foreach (var miss in Misroutes ?? [])
            {
                text.Append(CultureInfo.InvariantCulture, $"misroute line {miss.Line}\t{miss.Message}\texpected={miss.Expected}\tgot={miss.Got}\n");
            }

            if (Misroutes is { Count: > 0 }) text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"urgent={UrgentCases} normal={NormalCases}\n");
        text.Append(CultureInfo.InvariantCulture,
            $"urgent_recall={Format(UrgentRecall)} category_accuracy={Format(CategoryAccuracy)} normal_false_positive_rate={Format(NormalFalsePositiveRate)}\n");
        if (Misroutes is not null) text.Append(CultureInfo.InvariantCulture, $"misroutes={Misroutes.Count} (urgent messages answered with an own-thoughts article)\n");
        return text.ToString();
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}

/// <summary>Reads and runs urgent eval files.</summary>
public static class UrgentEvaluator
{
    public static (IReadOnlyList<UrgentEvalCase> Cases, IReadOnlyList<string> Errors) Read(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cases = new List<UrgentEvalCase>();
        var errors = new List<string>();
        foreach (var (i, parts) in EvalSetReader.DataLines(text))
        {
            var kind = parts.Length > 1 ? parts[1].Trim() : string.Empty;
            if (string.IsNullOrWhiteSpace(parts[0]) || kind is not ("urgent" or "normal") || (kind == "urgent" && (parts.Length < 3 || parts[2].Trim().Length == 0)))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{file}:{i + 1}: error: expected 'message<TAB>urgent<TAB>category' or 'message<TAB>normal'"));
                continue;
            }

            cases.Add(new UrgentEvalCase(parts[0].Trim(), kind == "urgent" ? parts[2].Trim() : null, i + 1));
        }

        return (cases, errors);
    }

    /// <param name="classify">The category id for a message (optionally followed by " (why)"), or null when it is not urgent.</param>
    public static UrgentEvalReport Run(IReadOnlyList<UrgentEvalCase> cases, Func<string, string?> classify)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(classify);
        int urgent = 0, found = 0, rightCategory = 0, normal = 0, falsePositives = 0;
        var misses = new List<UrgentEvalMiss>();
        foreach (var c in cases)
        {
            var explained = classify(c.Message);
            var got = explained?.Split(' ')[0];
            if (c.IsUrgent)
            {
                urgent++;
                if (got is not null) found++;
                if (got == c.Category) rightCategory++;
                if (got != c.Category) misses.Add(new UrgentEvalMiss(c.Line, c.Message, c.Category!, explained ?? "normal"));
            }
            else
            {
                normal++;
                if (got is null) continue;
                falsePositives++;
                misses.Add(new UrgentEvalMiss(c.Line, c.Message, "normal", explained!));
            }
        }

        return new UrgentEvalReport
        {
            UrgentCases = urgent,
            NormalCases = normal,
            UrgentRecall = urgent == 0 ? null : (double)found / urgent,
            CategoryAccuracy = urgent == 0 ? null : (double)rightCategory / urgent,
            NormalFalsePositiveRate = normal == 0 ? null : (double)falsePositives / normal,
            Misses = misses,
        };
    }

    public static string ToJson(UrgentEvalReport report) => JsonSerializer.Serialize(report, EvalJsonContext.Default.UrgentEvalReport);
}

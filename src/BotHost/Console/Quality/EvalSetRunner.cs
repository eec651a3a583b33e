using System.Globalization;
using BotHost.Cli;
using BotHost.Core.Analytics;
using BotHost.Knowledge;
using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Hotlines;

namespace BotHost.Console.Quality;

/// <summary>
/// Measures one eval file on one knowledge version, the way <c>kb eval</c> does (the same <see cref="Evaluator"/> over the
/// same <see cref="KnowledgeEvalSystem"/>, and <see cref="UrgentEvaluator"/>), and keeps what the bot did with each line so
/// two versions can be compared.
/// </summary>
public static class EvalSetRunner
{
    public static EvalSetResult Run(KnowledgeBase knowledge, string file)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(file);
        var name = Path.GetFileName(file);
        var text = File.ReadAllText(file);
        return KindOf(text) switch
        {
            EvalSetKind.Urgent => Urgent(knowledge, name, text),
            EvalSetKind.Refusal => Refusal(knowledge, name, text),
            EvalSetKind.Distress => Distress(knowledge, name, text),
            _ => Questions(knowledge, name, text),
        };
    }

    /// <summary>Told by the second column of the data lines: urgent/normal, refuse/protective, or article ids.</summary>
    public static EvalSetKind KindOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kinds = DataLines(text).Select(l => l.Parts.Length > 1 ? l.Parts[1].Trim() : string.Empty).ToList();
        if (kinds.Count > 0 && kinds.All(k => k is "urgent" or "normal")) return EvalSetKind.Urgent;
        if (kinds.Count > 0 && kinds.All(k => k is "refuse" or "protective")) return EvalSetKind.Refusal;
        if (kinds.Count > 0 && kinds.All(k => k is DistressEvalCase.Distress or DistressEvalCase.Calm)) return EvalSetKind.Distress;
        return EvalSetKind.Questions;
    }

    private static EvalSetResult Questions(KnowledgeBase knowledge, string name, string text)
    {
        var (cases, errors) = EvalSetReader.Read(name, text);
        var seen = new Dictionary<string, EvalOutcome>(StringComparer.Ordinal);
        var system = KnowledgeEvalSystem.Create(knowledge, RegionCode.International); // kb eval's default --region
        var report = Evaluator.Run(cases, question => seen[question] = system(question));
        var outcomes = cases.Select(c => new EvalLineOutcome(c.Line, c.Question, Answer(seen[c.Question], c.HasSections))).ToList();

        List<EvalFigure> figures = [];
        Add(figures, "recall_at_1", report.RecallAt1);
        Add(figures, "recall_at_3", report.RecallAt3);
        Add(figures, "mrr", report.Mrr);
        Add(figures, "answer_rate", report.AnswerRate);
        Add(figures, "decline_rate", report.DeclineRate);
        Add(figures, "refuse_rate", report.RefuseRate);
        if (report.SectionCases > 0) Add(figures, "section_accuracy", report.SectionAccuracy);
        var misses = report.Misses.Select(m => string.Create(CultureInfo.InvariantCulture, $"line {m.Line}: {m.Question} → expected {m.Expected}, got {m.Got}")).ToList();
        return Result(name, EvalSetKind.Questions, cases.Count, figures, outcomes, misses, errors);
    }

    private static EvalSetResult Urgent(KnowledgeBase knowledge, string name, string text)
    {
        var (cases, errors) = UrgentEvaluator.Read(name, text);
        var seen = new Dictionary<string, string?>(StringComparer.Ordinal);
        var report = UrgentEvaluator.Run(cases, message => seen[message] = knowledge.Safety.ClassifyUrgent(message)?.Id);
        var outcomes = cases.Select(c => new EvalLineOutcome(c.Line, c.Message, seen[c.Message] is { } id ? "urgent " + id : "normal")).ToList();
        List<EvalFigure> figures = [];
        Add(figures, "urgent_recall", report.UrgentRecall);
        Add(figures, "category_accuracy", report.CategoryAccuracy);
        Add(figures, "normal_false_positive_rate", report.NormalFalsePositiveRate);
        var misses = report.Misses.Select(m => string.Create(CultureInfo.InvariantCulture, $"line {m.Line}: {m.Message} → expected {m.Expected}, got {m.Got}")).ToList();
        return Result(name, EvalSetKind.Urgent, cases.Count, figures, outcomes, misses, errors);
    }

    private static EvalSetResult Refusal(KnowledgeBase knowledge, string name, string text)
    {
        var outcomes = new List<EvalLineOutcome>();
        var misses = new List<string>();
        int refuse = 0, refused = 0, protective = 0, answered = 0;
        foreach (var (line, parts) in DataLines(text))
        {
            var message = parts[0].Trim();
            var wasRefused = knowledge.Safety.IsRefused(message);
            var mustRefuse = parts[1].Trim() == "refuse";
            outcomes.Add(new EvalLineOutcome(line, message, wasRefused ? "refused" : "not refused"));
            if (mustRefuse) refuse++;
            else protective++;
            if (mustRefuse && wasRefused) refused++;
            if (!mustRefuse && !wasRefused) answered++;
            if (mustRefuse != wasRefused) misses.Add(string.Create(CultureInfo.InvariantCulture, $"line {line}: {message} → expected {parts[1].Trim()}, got {(wasRefused ? "refused" : "not refused")}"));
        }

        List<EvalFigure> figures = [];
        Add(figures, "refuse_rate", refuse == 0 ? null : (double)refused / refuse);
        Add(figures, "protective_answered_rate", protective == 0 ? null : (double)answered / protective);
        return Result(name, EvalSetKind.Refusal, outcomes.Count, figures, outcomes, misses, []);
    }

    /// <summary>
    /// As <c>kb eval --distress</c> measures a file: its distress messages given lines to talk to (by the distress net or
    /// the urgent check) and its calm messages the net answers. The cross-validated figures on the examples are left to
    /// the command line: they do not change with the file.
    /// </summary>
    private static EvalSetResult Distress(KnowledgeBase knowledge, string name, string text)
    {
        var (cases, errors) = DistressEvaluator.Read(name, text);
        var outcomes = new List<EvalLineOutcome>();
        var misses = new List<string>();
        int distress = 0, helped = 0, calm = 0, fired = 0;
        foreach (var c in cases)
        {
            var net = knowledge.Safety.MatchDistress(c.Message) is not null;
            var urgent = net ? null : knowledge.Safety.MatchUrgent(c.Message);
            var outcome = net ? "distress net" : urgent is not null ? "urgent " + urgent.Category.Id : "neither";
            outcomes.Add(new EvalLineOutcome(c.Line, c.Message, outcome));
            var wrong = c.Label == DistressEvalCase.Distress ? !net && urgent is null : net;
            if (c.Label == DistressEvalCase.Distress)
            {
                distress++;
                if (!wrong) helped++;
            }
            else
            {
                calm++;
                if (net) fired++;
            }

            if (wrong) misses.Add(string.Create(CultureInfo.InvariantCulture, $"line {c.Line}: {c.Message} → expected {c.Label}, got {outcome}"));
        }

        List<EvalFigure> figures = [];
        Add(figures, "distress_recall", distress == 0 ? null : (double)helped / distress);
        Add(figures, "false_alarm_rate", calm == 0 ? null : (double)fired / calm);
        return Result(name, EvalSetKind.Distress, outcomes.Count, figures, outcomes, misses, errors);
    }

    private static EvalSetResult Result(string name, EvalSetKind kind, int cases, List<EvalFigure> figures, List<EvalLineOutcome> outcomes,
        List<string> misses, IReadOnlyList<string> errors)
    {
        var blind = name.StartsWith("blind-", StringComparison.Ordinal);
        return new EvalSetResult(name, kind, cases, figures, outcomes, blind ? [] : misses, misses.Count, errors);
    }

    /// <summary>What the bot did with a line: refused, declined, or the article answered (with the quoted section where the line names sections).</summary>
    private static string Answer(EvalOutcome outcome, bool sections) =>
        outcome.Refused ? "refused" : outcome.Declined ? "declined" : "answered " + (sections && outcome.TopSection is { } section ? section : outcome.Ranked[0]);

    private static void Add(List<EvalFigure> figures, string name, double? value)
    {
        if (value is { } v) figures.Add(new EvalFigure(name, v));
    }

    /// <summary>Lines that are not blank or <c>#</c> comments, with their 1-based number and tab-separated fields.</summary>
    private static IEnumerable<(int Line, string[] Parts)> DataLines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]) || lines[i].TrimStart().StartsWith('#')) continue;
            var parts = lines[i].Split('\t');
            if (parts.Length >= 2) yield return (i + 1, parts);
        }
    }
}

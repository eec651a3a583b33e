using System.Data.Common;
using System.Diagnostics;
using BotHost.Core.Analytics;
using BotHost.Knowledge;
using BotHost.Serve;

namespace BotHost.Console.Quality;

/// <summary>
/// Measures every eval file of the knowledge folder on the served version, once per version (off the request path:
/// the first page view after a reload waits for it), records the figures and per-line outcomes in the
/// <see cref="IQualityHistory"/> (SQLite, or PostgreSQL when the analytics are there), and compares them with the previous
/// recorded version. When the history cannot be reached the report still has the served version's figures, says why the
/// history is missing, and is measured again at the next request rather than kept.
/// </summary>
public sealed class QualityService(KnowledgeHost knowledge, IQualityHistory history, TimeProvider time)
{
    /// <summary>Versions charted on the quality page.</summary>
    public const int ChartedVersions = 12;

    private readonly Lock _gate = new();
    private (string Version, Task<QualityReport> Report)? _current;

    /// <summary>The report for the version being served, measuring it first if this is its first request.</summary>
    public Task<QualityReport> CurrentAsync()
    {
        var kb = knowledge.Current;
        lock (_gate)
        {
            if (_current is { } current && current.Version == kb.Version && !current.Report.IsFaulted
                && !(current.Report.IsCompletedSuccessfully && current.Report.Result.HistoryProblem is not null))
            {
                return current.Report;
            }

            var report = Task.Run(() => Measure(kb));
            _current = (kb.Version, report);
            return report;
        }
    }

    private QualityReport Measure(KnowledgeBase kb)
    {
        var started = Stopwatch.GetTimestamp();
        var folder = Path.Combine(knowledge.FolderPath, "eval");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.tsv").Order(StringComparer.Ordinal).ToList() : [];
        var sets = files.Select(f => EvalSetRunner.Run(kb, f)).ToList();
        var at = time.GetUtcNow();
        try
        {
            history.Record(kb.Version, at, sets);
            var versions = history.Versions(ChartedVersions);
            var previous = versions.LastOrDefault(v => v.Version != kb.Version)?.Version;
            var (changes, blind) = previous is null ? ([], new Dictionary<string, int>()) : Diff(history.Outcomes(previous), sets);
            return new QualityReport(kb.Version, at, Stopwatch.GetElapsedTime(started), sets, versions, previous, changes, blind);
        }
        catch (DbException ex)
        {
            VersionFigures served = new(kb.Version, at, [.. sets.SelectMany(set => set.Figures.Select(f => (set.Name, f)))]);
            return new QualityReport(kb.Version, at, Stopwatch.GetElapsedTime(started), sets, [served], null, [], new Dictionary<string, int>(),
                HistoryProblem: $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
    }

    private static (List<AnswerChange> Changes, Dictionary<string, int> Blind) Diff(IReadOnlyDictionary<(string Set, int Line), EvalLineOutcome> before, List<EvalSetResult> sets)
    {
        var changes = new List<AnswerChange>();
        var blind = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var now in set.Outcomes)
            {
                if (!before.TryGetValue((set.Name, now.Line), out var then) || then.Question != now.Question || Same(then.Outcome, now.Outcome)) continue;
                if (set.IsBlind) blind[set.Name] = blind.GetValueOrDefault(set.Name) + 1;
                else changes.Add(new AnswerChange(set.Name, now.Line, now.Question, then.Outcome, now.Outcome));
            }
        }

        return (changes, blind);
    }

    /// <summary>
    /// Equal outcomes, or the same article where one side names its quoted section and the other does not (a version
    /// recorded before the console kept sections: "answered sextortion" and "answered sextortion#what-to-do").
    /// </summary>
    private static bool Same(string then, string now) =>
        then == now || (then.Contains('#', StringComparison.Ordinal) != now.Contains('#', StringComparison.Ordinal) && then.Split('#')[0] == now.Split('#')[0]);
}

namespace BotHost.Core.Analytics;

/// <summary>
/// The console Quality page's history: the eval figures and per-line outcomes of the last <see cref="KeptVersions"/>
/// knowledge versions, kept beside the gap analytics: in the SQLite file by default (<see cref="SqliteQualityHistory"/>),
/// in PostgreSQL when <c>Analytics__ConnectionString</c> is set, so every replica charts the same history. Eval lines are
/// maintainers' test questions, never member text. A store that cannot be reached throws a
/// <see cref="System.Data.Common.DbException"/>; the page then shows the served version's figures without the history.
/// </summary>
public interface IQualityHistory
{
    /// <summary>How many versions are kept; older ones are deleted when a new one is recorded.</summary>
    const int KeptVersions = 30;

    /// <summary>Records a version's results once (a version measured again, after a restart or by another replica, keeps its first record).</summary>
    void Record(string version, DateTimeOffset at, IReadOnlyList<EvalSetResult> sets);

    /// <summary>The last <paramref name="count"/> recorded versions, oldest first, each with its figures per set.</summary>
    IReadOnlyList<VersionFigures> Versions(int count);

    /// <summary>The outcomes recorded for a version, keyed by set and line.</summary>
    IReadOnlyDictionary<(string Set, int Line), EvalLineOutcome> Outcomes(string version);
}

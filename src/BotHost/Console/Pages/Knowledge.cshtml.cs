using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Coverage;
using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Validation;
using BotHost.Serve;
using Microsoft.AspNetCore.Mvc;

namespace BotHost.Console.Pages;

/// <summary>
/// The knowledge base as loaded: every article with its review date (overdue and due soon first), its sections,
/// questions, sources and hotlines; the problems <c>kb check</c> reports with file:line; the <c>kb coverage</c> matrix
/// of topics x regions; the served version and the last reload; a reload button for admins.
/// </summary>
public sealed class KnowledgeModel(KnowledgeHost knowledge, TimeProvider time) : ConsolePageModel
{
    private (CoverageMatrix? Matrix, IReadOnlyList<Diagnostic> Diagnostics)? _coverage;

    /// <summary>Articles due for review within this many days are listed with the overdue ones.</summary>
    public const int DueSoonDays = 30;

    public KnowledgeHost Host => knowledge;

    public DateOnly Today { get; } = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Set after the reload button: what happened, for the status line.</summary>
    public string? ReloadMessage { get; private set; }

    public bool ReloadFailed { get; private set; }

    public IReadOnlyList<Article> ArticlesByReview => [.. knowledge.Current.Articles.OrderBy(a => a.ReviewBy).ThenBy(a => a.Id, StringComparer.Ordinal)];

    /// <summary>
    /// The problems to show: the rejected reload's errors first (they are what a maintainer must fix), then the served
    /// version's warnings, then coverage.yaml's problems and holes (as <c>kb check</c> prints them).
    /// </summary>
    public IReadOnlyList<Diagnostic> Problems =>
        [.. (knowledge.LastReload is { Accepted: false } rejected ? rejected.Diagnostics.Where(d => d.IsError) : []), .. knowledge.Diagnostics, .. Coverage.Diagnostics];

    /// <summary>
    /// The <c>kb coverage</c> matrix of the served version against the folder's coverage.yaml (read once per request:
    /// the file is small); no matrix when the folder has no coverage.yaml or it has errors (they are in <see cref="Problems"/>).
    /// </summary>
    public (CoverageMatrix? Matrix, IReadOnlyList<Diagnostic> Diagnostics) Coverage =>
        _coverage ??= CoverageLoader.Load(knowledge.FolderPath, knowledge.Current.Snapshot);

    public void OnGet()
    {
    }

    public IActionResult OnPostReload()
    {
        if (!Session.IsAdmin) return Forbid();
        var errors = knowledge.Reload();
        ReloadFailed = errors.Count > 0;
        ReloadMessage = ReloadFailed
            ? $"Reload rejected: the folder has {errors.Count} error(s); version {knowledge.Current.Version} keeps serving."
            : $"Reloaded: now serving version {knowledge.Current.Version}.";
        return Page();
    }

    public string ReviewStatus(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var days = article.ReviewBy.DayNumber - Today.DayNumber;
        return days switch
        {
            < 0 => $"overdue by {-days} day(s)",
            0 => "due today",
            <= DueSoonDays => $"due in {days} day(s)",
            _ => "current",
        };
    }

    /// <summary>The class of a coverage cell: bad for an error hole, warn for a warning hole, good otherwise.</summary>
    public static string CellClass(CoverageCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Worst switch { HoleSeverity.Error => "bad", HoleSeverity.Warning => "warn", _ => "good" };
    }

    public string ReviewClass(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var days = article.ReviewBy.DayNumber - Today.DayNumber;
        return days < 0 ? "bad" : days <= DueSoonDays ? "warn" : "good";
    }

    /// <summary>The article's hotlines as the directory has them, in the article's order (any region: the reply picks by region).</summary>
    public IReadOnlyList<Hotline> HotlinesOf(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var directory = knowledge.Current.Hotlines;
        return [.. article.HotlineIds.Select(id => directory.TryGet(id, out var hotline) ? hotline : null).OfType<Hotline>()];
    }
}

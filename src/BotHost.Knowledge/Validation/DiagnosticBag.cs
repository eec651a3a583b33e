namespace BotHost.Knowledge.Validation;

/// <summary>Collects every problem of a run, so a maintainer sees all of them at once instead of one per attempt.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Error(string file, int line, string message) =>
        _items.Add(new Diagnostic(file, Math.Max(1, line), DiagnosticSeverity.Error, message));

    public void Warning(string file, int line, string message) =>
        _items.Add(new Diagnostic(file, Math.Max(1, line), DiagnosticSeverity.Warning, message));

    /// <summary>The diagnostics ordered by file, then line, as <c>kb check</c> prints them.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Message, StringComparer.Ordinal)];
}

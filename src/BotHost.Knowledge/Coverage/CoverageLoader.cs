using BotHost.Knowledge.Validation;

namespace BotHost.Knowledge.Coverage;

/// <summary>Reads knowledge/coverage.yaml against a loaded snapshot and builds the matrix.</summary>
public static class CoverageLoader
{
    /// <returns>
    /// The matrix (null when the folder has no coverage.yaml or the file has errors), and the file's problems followed
    /// by the matrix's holes as diagnostics.
    /// </returns>
    public static (CoverageMatrix? Matrix, IReadOnlyList<Diagnostic> Diagnostics) Load(string directory, KnowledgeSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(snapshot);
        var path = Path.Combine(directory, CoverageRules.FileName);
        if (!File.Exists(path)) return (null, []);
        var diagnostics = new DiagnosticBag();
        var rules = CoverageRulesParser.Parse(path.Replace('\\', '/'), File.ReadAllText(path), snapshot, diagnostics);
        if (rules is null || diagnostics.HasErrors) return (null, diagnostics.Sorted());
        var matrix = CoverageMatrix.Build(snapshot, rules);
        return (matrix, [.. diagnostics.Sorted(), .. matrix.Diagnostics()]);
    }
}

using System.Globalization;

namespace BotHost.Knowledge.Validation;

/// <summary>One problem in a knowledge file, printed the way compilers print them: <c>file:line: error: message</c>.</summary>
/// <param name="File">Path of the file, relative to the knowledge folder's parent where possible.</param>
/// <param name="Line">1-based line number; 1 when the problem concerns the whole file.</param>
public sealed record Diagnostic(string File, int Line, DiagnosticSeverity Severity, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}: {(IsError ? "error" : "warning")}: {Message}");
}

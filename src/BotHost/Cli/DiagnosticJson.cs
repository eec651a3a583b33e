using System.Text.Json;
using BotHost.Knowledge.Validation;

namespace BotHost.Cli;

/// <summary>The <c>problems</c> array that <c>kb check --json</c> and <c>kb coverage --json</c> both write, one shape for both.</summary>
internal static class DiagnosticJson
{
    /// <summary>Writes <c>"problems": [{ "file", "line", "severity", "message" }, ...]</c> into the open object.</summary>
    public static void WriteProblems(Utf8JsonWriter json, IEnumerable<Diagnostic> diagnostics)
    {
        json.WriteStartArray("problems");
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("file", d.File);
            json.WriteNumber("line", d.Line);
            json.WriteString("severity", d.IsError ? "error" : "warning");
            json.WriteString("message", d.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}

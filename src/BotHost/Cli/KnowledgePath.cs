namespace BotHost.Cli;

/// <summary>
/// Finds the knowledge folder when none is given: <c>Knowledge__Path</c> from the environment, then
/// <c>./knowledge</c> (running from a checkout), then the folder shipped next to the executable (the container).
/// </summary>
public static class KnowledgePath
{
    public const string EnvironmentVariable = "Knowledge__Path";

    public static string Resolve(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given)) return given;
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment) return fromEnvironment;
        if (Directory.Exists("knowledge")) return "knowledge";
        var shipped = Path.Combine(AppContext.BaseDirectory, "knowledge");
        return Directory.Exists(shipped) ? shipped : "knowledge";
    }
}

namespace BotHost.Cli;

/// <summary>Chooses <see cref="CliStyle"/> for the process from where stdout goes and the environment.</summary>
public static class CliStyleDetector
{
    /// <summary>The style for this process: <see cref="Detect(bool, string?, string?)"/> over the real console and environment.</summary>
    public static CliStyle ForConsole() =>
        Detect(System.Console.IsOutputRedirected, Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("TERM"));

    /// <summary>
    /// Plain when stdout is redirected, when <c>NO_COLOR</c> is present and not empty (https://no-color.org), or when
    /// the terminal says it is dumb; rich otherwise.
    /// </summary>
    public static CliStyle Detect(bool outputRedirected, string? noColor, string? term) =>
        outputRedirected || !string.IsNullOrEmpty(noColor) || string.Equals(term, "dumb", StringComparison.Ordinal) ? CliStyle.Plain : CliStyle.Rich;
}

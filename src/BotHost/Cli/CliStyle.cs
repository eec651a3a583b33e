namespace BotHost.Cli;

/// <summary>How a command presents its text output. JSON (<c>--json</c>) is never styled.</summary>
public enum CliStyle
{
    /// <summary>Plain lines without escape codes: stdout is redirected (CI logs, pipes), NO_COLOR is set, or TERM=dumb.</summary>
    Plain,

    /// <summary>Colour and layout by Spectre.Console, for a person at a terminal.</summary>
    Rich,
}

using Spectre.Console;

namespace BotHost.Cli;

/// <summary>A Spectre.Console console that writes to a command's output writer with ANSI colour (used only for <see cref="CliStyle.Rich"/>).</summary>
internal static class SpectreOutput
{
    /// <summary>Width for writers that are not the terminal (tests): wide enough that no line is wrapped.</summary>
    private const int WriterWidth = 240;

    public static IAnsiConsole Create(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.No,
        });
        if (!ReferenceEquals(output, System.Console.Out)) console.Profile.Width = WriterWidth;
        return console;
    }
}

using Spectre.Console;

namespace BotHost.Cli;

/// <summary>
/// A transient Spectre.Console progress bar on stderr for long commands, shown only to a person at a terminal: never
/// when the style is plain (stdout redirected, NO_COLOR, TERM=dumb), never with <c>--json</c>, and never when stderr
/// itself is redirected. Stdout is never written, so machine-readable output stays exactly the same.
/// </summary>
internal static class CliProgress
{
    /// <summary>Runs <paramref name="work"/>, which calls its argument once per finished step of <paramref name="total"/>.</summary>
    public static T Run<T>(CliEnvironment env, bool json, string description, int total, Func<Action, T> work)
    {
        if (!Shows(env, json)) return work(() => { });
        return Bar(env).Start(context =>
            {
                var task = context.AddTask(description, maxValue: Math.Max(total, 1));
                var result = work(() => task.Increment(1));
                context.Refresh();
                return result;
            });
    }

    /// <summary>The transient bar on stderr every long command shows: description, bar, percentage, time left.</summary>
    public static Progress Bar(CliEnvironment env)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(env.Error),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
        });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn());
    }

    /// <summary>Whether a progress bar is shown: a rich style, no <c>--json</c>, and stderr not redirected when it is the console's.</summary>
    public static bool Shows(CliEnvironment env, bool json) =>
        env.Style == CliStyle.Rich && !json && !(ReferenceEquals(env.Error, System.Console.Error) && System.Console.IsErrorRedirected);
}

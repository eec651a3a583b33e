using System.Globalization;
using Spectre.Console;

namespace BotHost.Cli;

/// <summary>
/// Progress of long commands on stderr (issue #17): a transient Spectre.Console progress bar for a person at a terminal
/// (<see cref="Shows"/>); when the style is plain (stdout redirected, NO_COLOR, TERM=dumb) or stderr is redirected, a
/// plain line every <see cref="PlainInterval"/>, so work that ends sooner prints nothing; with <c>--json</c>, nothing.
/// Stdout is never written, so machine-readable output stays exactly the same.
/// </summary>
internal static class CliProgress
{
    /// <summary>Time between two plain progress lines (and before the first).</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/>, which calls its argument once per finished step of <paramref name="total"/>.</summary>
    public static T Run<T>(CliEnvironment env, bool json, string description, int total, Func<Action, T> work)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(work);
        if (json) return work(() => { });
        if (!Shows(env, json)) return Plain(env, description, total, work);
        return Bar(env).Start(context =>
            {
                var task = context.AddTask(description, maxValue: Math.Max(total, 1));
                var result = work(() => task.Increment(1));
                context.Refresh();
                return result;
            });
    }

    /// <summary>The plain line: "calibrate: 120 questions, each also misspelt: 48 of 120".</summary>
    public static string Line(string description, int done, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{description}: {done:N0} of {total:N0}");

    /// <summary>Steps may finish on several threads at once (cross-validation folds): counting and printing take a lock.</summary>
    private static T Plain<T>(CliEnvironment env, string description, int total, Func<Action, T> work)
    {
        var gate = new Lock();
        var done = 0;
        var printed = env.Time.GetTimestamp();
        return work(() =>
        {
            lock (gate)
            {
                done++;
                var now = env.Time.GetTimestamp();
                if (env.Time.GetElapsedTime(printed, now) < PlainInterval) return;
                printed = now;
                env.Error.WriteLine(Line(description, done, total));
            }
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

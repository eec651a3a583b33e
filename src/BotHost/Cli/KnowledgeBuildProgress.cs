using System.Globalization;
using BotHost.Knowledge.Semantics;

namespace BotHost.Cli;

/// <summary>
/// Shows how far embedding the knowledge base's texts has gone while a command loads it (issue #17): the first load
/// of a large knowledge base embeds every article question, section and example message, minutes of work; later loads
/// take the vectors from the cache in a second or two. At a terminal, a transient Spectre.Console progress bar on
/// stderr (<see cref="CliProgress.Shows"/>); when the style is plain (stdout redirected, NO_COLOR, TERM=dumb), a plain
/// line on stderr every <see cref="PlainInterval"/>, so a load that finishes sooner prints nothing; with <c>--json</c>,
/// nothing. Stdout is never written. <c>serve</c>'s first load always shows the plain lines (<see cref="PlainLines"/>).
/// </summary>
internal static class KnowledgeBuildProgress
{
    /// <summary>Time between two plain progress lines (and before the first).</summary>
    public static readonly TimeSpan PlainInterval = CliProgress.PlainInterval;

    private const string Description = "embedding knowledge texts";

    /// <summary>Runs <paramref name="load"/> with an embedder that reports to the display the environment calls for.</summary>
    public static T Run<T>(CliEnvironment env, bool json, KnowledgeEmbedder embedder, Func<KnowledgeEmbedder, T> load)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(load);
        if (json) return load(embedder);
        if (CliProgress.Shows(env, json)) return Bar(env, embedder, load);
        return load(embedder.WithProgress(PlainLines(env)));
    }

    /// <summary>
    /// The plain display: a <see cref="Line"/> on stderr once <see cref="PlainInterval"/> has passed since the start or
    /// the last line. <c>serve</c> uses it for its first load, which runs before logging exists.
    /// </summary>
    public static Action<EmbeddingProgress> PlainLines(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var started = env.Time.GetTimestamp();
        var printed = started;
        return progress =>
        {
            var now = env.Time.GetTimestamp();
            if (env.Time.GetElapsedTime(printed, now) < PlainInterval) return;
            printed = now;
            env.Error.WriteLine(Line(progress, env.Time.GetElapsedTime(started, now)));
        };
    }

    /// <summary>The plain line: "embedding knowledge texts: 1,536 of 11,004 (92 texts/s)".</summary>
    public static string Line(EmbeddingProgress progress, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{Description}: {progress.Done:N0} of {progress.Total:N0} ({progress.Done / Math.Max(elapsed.TotalSeconds, 0.001):N0} texts/s)");

    private static T Bar<T>(CliEnvironment env, KnowledgeEmbedder embedder, Func<KnowledgeEmbedder, T> load)
    {
        return CliProgress.Bar(env).Start(context =>
            {
                var task = context.AddTask(Description, maxValue: 1);
                var result = load(embedder.WithProgress(progress =>
                {
                    task.MaxValue = Math.Max(progress.Total, 1);
                    task.Value = progress.Done;
                }));
                task.Value = task.MaxValue;
                context.Refresh();
                return result;
            });
    }
}

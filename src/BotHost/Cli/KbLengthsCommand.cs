using System.CommandLine;
using BotHost.Knowledge;

namespace BotHost.Cli;

/// <summary>
/// <c>bothost kb lengths [-q FILE]...</c>: asks every eval message as <c>bothost ask</c> would and prints the median
/// and longest reply on the console, Discord and Slack; fails when a reply does not fit a phone screen
/// (<see cref="ReplyLengthSurvey.PhoneScreen"/> characters).
/// </summary>
internal static class KbLengthsCommand
{
    public static Command Create(CliEnvironment env, Option<string?> knowledgeOption)
    {
        var questions = new Option<string[]>("--questions", "-q") { Description = "Eval file (default: every set in <knowledge>/eval: questions, urgent and refusal); repeat it for several" };
        var reportOnly = new Option<bool>("--report-only") { Description = "Print the figures but do not fail on a reply that is too long" };
        var command = new Command("lengths", "Measure how long the replies to the eval questions are on the console, Discord and Slack") { questions, reportOnly };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new KnowledgeOptions { Path = KnowledgePath.Resolve(parse.GetValue(knowledgeOption)) };
            var files = parse.GetValue(questions) is { Length: > 0 } given ? given : DefaultFiles(options.Path);
            var cases = new List<ReplyLengthSurvey.Case>();
            foreach (var file in files)
            {
                if (!File.Exists(file))
                {
                    await env.Error.WriteLineAsync($"bothost: eval file not found: {file}");
                    return ExitCodes.Usage;
                }

                cases.AddRange(ReplyLengthSurvey.Read(file, await File.ReadAllTextAsync(file, cancellationToken)));
            }

            using var knowledge = KnowledgeLoading.LoadOrExplain(options, env);
            if (knowledge is null) return ExitCodes.Failure;
            var measured = await ReplyLengthSurvey.RunAsync(knowledge, cases, env, cancellationToken);
            await env.Output.WriteAsync(ReplyLengthSurvey.Report(measured));
            var tooLong = measured.Any(m => m.Longest >= ReplyLengthSurvey.PhoneScreen);
            return tooLong && !parse.GetValue(reportOnly) ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every set in the eval folder: questions, urgent and refusal messages, tuned, dev and blind (measured only).</summary>
    internal static string[] DefaultFiles(string knowledgePath)
    {
        var folder = Path.Combine(knowledgePath, "eval");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.tsv").Order(StringComparer.Ordinal)]
            : [Path.Combine(folder, "questions.tsv")];
    }
}

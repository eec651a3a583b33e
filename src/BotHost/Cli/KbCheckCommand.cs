using System.CommandLine;
using BotHost.Knowledge;
using BotHost.Knowledge.Coverage;

namespace BotHost.Cli;

/// <summary>
/// <c>bothost kb check [DIR] [--json]</c>: every problem as <c>file:line: error|warning: message</c> (grouped by file,
/// in colour, at a terminal; JSON with <c>--json</c>), with the holes of the coverage matrix (<c>kb coverage</c>);
/// non-zero on any error.
/// </summary>
internal static class KbCheckCommand
{
    public static Command Create(CliEnvironment env, Option<string?> knowledgeOption)
    {
        var directory = new Argument<string?>("dir") { Description = "Knowledge folder to check (default: knowledge/)", Arity = ArgumentArity.ZeroOrOne };
        var json = CommonOptions.Json();
        var command = new Command("check", "Validate the knowledge base: front matter, hotlines, synonyms, review dates") { directory, json };
        command.SetAction(parse =>
        {
            var path = KnowledgePath.Resolve(parse.GetValue(directory) ?? parse.GetValue(knowledgeOption));
            if (!Directory.Exists(path))
            {
                env.Error.WriteLine($"bothost: knowledge folder not found: {path}");
                return ExitCodes.Usage;
            }

            var today = DateOnly.FromDateTime(env.Time.GetUtcNow().UtcDateTime);
            var (snapshot, diagnostics) = KnowledgeLoader.Load(path, today);

            // The holes of knowledge/coverage.yaml's matrix (kb coverage) are problems of the knowledge base too.
            if (snapshot is not null) diagnostics = [.. diagnostics, .. CoverageLoader.Load(path, snapshot).Diagnostics];
            var report = new KbCheckReport(path, snapshot, diagnostics);
            if (parse.GetValue(json)) report.WriteJson(env.Output);
            else if (env.Style == CliStyle.Rich) report.WriteRich(SpectreOutput.Create(env.Output));
            else report.WritePlain(env.Output);
            return report.Failed ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using BotHost.Knowledge;
using BotHost.Knowledge.Coverage;

namespace BotHost.Cli;

/// <summary>
/// <c>bothost kb coverage [DIR] [--json]</c>: the matrix of topics x regions from knowledge/coverage.yaml (lines to talk
/// to, routes to report to, region sections) and its holes as <c>file:line</c> problems; non-zero on an error hole
/// (a safety-critical topic without what a region needs) or a broken coverage.yaml.
/// </summary>
internal static class KbCoverageCommand
{
    public static Command Create(CliEnvironment env, Option<string?> knowledgeOption)
    {
        var directory = new Argument<string?>("dir") { Description = "Knowledge folder (default: knowledge/)", Arity = ArgumentArity.ZeroOrOne };
        var json = CommonOptions.Json();
        var command = new Command("coverage", "Show which topics each region is covered for (talk-to lines, report routes, sections) and the holes") { directory, json };
        command.SetAction(parse =>
        {
            var path = KnowledgePath.Resolve(parse.GetValue(directory) ?? parse.GetValue(knowledgeOption));
            if (!Directory.Exists(path))
            {
                env.Error.WriteLine($"bothost: knowledge folder not found: {path}");
                return ExitCodes.Usage;
            }

            if (!File.Exists(Path.Combine(path, CoverageRules.FileName)))
            {
                env.Error.WriteLine($"bothost: {Path.Combine(path, CoverageRules.FileName)} not found: it lists the topics and regions to check (see knowledge/README.md)");
                return ExitCodes.Usage;
            }

            var today = DateOnly.FromDateTime(env.Time.GetUtcNow().UtcDateTime);
            var (snapshot, problems) = KnowledgeLoader.Load(path, today);
            if (snapshot is null)
            {
                env.Error.WriteLine($"bothost: the knowledge base in {path} has errors; run 'bothost kb check {path}'. First: {problems.First(p => p.IsError)}");
                return ExitCodes.Failure;
            }

            var (matrix, diagnostics) = CoverageLoader.Load(path, snapshot);
            var report = new KbCoverageReport(matrix, diagnostics);
            if (parse.GetValue(json)) report.WriteJson(env.Output);
            else if (env.Style == CliStyle.Rich) report.WriteRich(SpectreOutput.Create(env.Output));
            else report.WritePlain(env.Output);
            return report.Failed ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }
}

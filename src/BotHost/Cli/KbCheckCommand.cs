using System.CommandLine;
using System.Globalization;
using BotHost.Knowledge;

namespace BotHost.Cli;

/// <summary><c>bothost kb check [DIR]</c>: every problem as <c>file:line: error|warning: message</c>; non-zero on any error.</summary>
internal static class KbCheckCommand
{
    public static Command Create(CliEnvironment env, Option<string?> knowledgeOption)
    {
        var directory = new Argument<string?>("dir") { Description = "Knowledge folder to check (default: knowledge/)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("check", "Validate the knowledge base: front matter, hotlines, synonyms, review dates") { directory };
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
            foreach (var diagnostic in diagnostics) env.Output.WriteLine(diagnostic.ToString());
            var errors = diagnostics.Count(d => d.IsError);
            var warnings = diagnostics.Count - errors;
            if (snapshot is null)
            {
                env.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {errors} error(s), {warnings} warning(s)"));
                return ExitCodes.Failure;
            }

            env.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: OK, {snapshot.Articles.Count} articles, {snapshot.Articles.Sum(a => a.Sections.Count)} sections, " +
                $"{snapshot.Hotlines.All.Count} hotlines, {snapshot.Synonyms.Groups.Count} synonym groups, {snapshot.OffTopic.Count} off-topic questions, {warnings} warning(s); version {snapshot.Version}"));
            return ExitCodes.Success;
        });
        return command;
    }
}

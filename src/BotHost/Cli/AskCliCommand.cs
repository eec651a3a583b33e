using System.CommandLine;
using System.Text.Json;
using BotHost.Core.Console;
using BotHost.Core.Messages;
using BotHost.Knowledge;

namespace BotHost.Cli;

/// <summary><c>bothost ask "QUESTION" [--region US] [--json] [--sources]</c>: the reply the bot would post, on the console.</summary>
internal static class AskCliCommand
{
    public static Command Create(CliEnvironment env, Option<string?> knowledgeOption)
    {
        var question = new Argument<string>("question") { Description = "The question, as a member would type it" };
        var region = CommonOptions.Region();
        var json = CommonOptions.Json();
        var sources = new Option<bool>("--sources") { Description = "Show every source of the quoted article, not only the ones backing the quote" };
        var command = new Command("ask", "Answer one question exactly as the bot would reply in chat") { question, region, json, sources };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new KnowledgeOptions { Path = KnowledgePath.Resolve(parse.GetValue(knowledgeOption)) };
            using var knowledge = KnowledgeLoading.LoadOrExplain(options, env);
            if (knowledge is null) return ExitCodes.Failure;
            await using var services = ConsoleServices.Build(knowledge, parse.GetValue(region)!, env);
            var reply = await services.GetRequiredService<ConsoleAdapter>().AskAsync(parse.GetValue(question) ?? string.Empty, cancellationToken);
            await env.Output.WriteAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(reply, ReplyJsonContext.Default.Reply) + "\n"
                : ConsoleReplyRenderer.Render(reply, allSources: parse.GetValue(sources)));
            return ExitCodes.Success;
        });
        return command;
    }
}

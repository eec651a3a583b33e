using System.CommandLine;
using BotHost.Core.Console;
using BotHost.Knowledge;

namespace BotHost.Cli;

/// <summary>
/// <c>bothost chat</c>: the console adapter, a question-and-answer loop on stdin and stdout with the session's questions
/// recallable ("history", "!N"). Replies are laid out by <see cref="ChatReplyLayout"/> at a terminal and as plain text when
/// stdout is redirected or NO_COLOR is set (<see cref="CliStyleDetector"/>).
/// </summary>
internal static class ChatCliCommand
{
    public static Command Create(CliEnvironment env, Option<string?> knowledgeOption)
    {
        var region = CommonOptions.Region();
        var command = new Command("chat", "Talk to the bot on the console (the same pipeline as Discord and Slack)") { region };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new KnowledgeOptions { Path = KnowledgePath.Resolve(parse.GetValue(knowledgeOption)) };
            using var knowledge = KnowledgeLoading.LoadOrExplain(options, env);
            if (knowledge is null) return ExitCodes.Failure;
            await using var services = ConsoleServices.Build(knowledge, parse.GetValue(region)!, env);
            var adapter = services.GetRequiredService<ConsoleAdapter>();
            if (env.Style == CliStyle.Rich)
            {
                var console = SpectreOutput.Create(env.Output);
                await adapter.RunAsync(env.Input, env.Output, new ChatHistory(), (reply, _) =>
                {
                    ChatReplyLayout.Write(console, reply);
                    return Task.CompletedTask;
                }, cancellationToken);
            }
            else
            {
                await adapter.RunAsync(env.Input, env.Output, cancellationToken);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

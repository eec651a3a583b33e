using System.Globalization;
using BotHost.Core.Messages;
using BotHost.Core.Pipeline;

namespace BotHost.Core.Console;

/// <summary>
/// The pipeline on a text console, as errbot and hubot ship one: <c>bothost ask</c> sends one message,
/// <c>bothost chat</c> loops until "quit" or end of input. Same handlers as Discord and Slack.
/// </summary>
public sealed class ConsoleAdapter(MessagePipeline pipeline, TimeProvider time)
{
    public const string Platform = "console";

    public Task<Reply> AskAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return pipeline.HandleAsync(Message(text), cancellationToken);
    }

    /// <summary>The chat loop with the plain layout and a session history of <see cref="ChatHistory.DefaultCapacity"/> questions.</summary>
    public Task RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync(input, output, new ChatHistory(), (reply, _) => output.WriteLineAsync(ConsoleReplyRenderer.Render(reply)), cancellationToken);

    /// <summary>
    /// The chat loop: each line is a question, answered through <paramref name="show"/>, until "quit", "exit" or end of input.
    /// "history" lists the session's earlier questions, "!!" asks the latest again and "!N" asks number N again.
    /// </summary>
    public async Task RunAsync(TextReader input, TextWriter output, ChatHistory history, Func<Reply, CancellationToken, Task> show, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(show);
        await output.WriteLineAsync("Ask me anything about staying safe online. Type \"help\" for commands, \"history\" for your earlier questions (\"!N\" asks number N again), \"quit\" to leave.");
        while (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteAsync("> ");
            await output.FlushAsync(cancellationToken);
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is "quit" or "exit") break;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var question = line.Trim();
            if (question == "history")
            {
                await WriteHistoryAsync(output, history);
                continue;
            }

            if (ChatHistory.IsRecall(question))
            {
                if (!history.TryRecall(question, out question))
                {
                    await output.WriteLineAsync("No such question in this session: type \"history\" to list them.");
                    continue;
                }

                await output.WriteLineAsync(question);
            }

            history.Add(question);
            await show(await AskAsync(question, cancellationToken), cancellationToken);
        }
    }

    private static async Task WriteHistoryAsync(TextWriter output, ChatHistory history)
    {
        var questions = history.Questions;
        if (questions.Count == 0) await output.WriteLineAsync("No questions yet in this session.");
        for (var i = 0; i < questions.Count; i++) await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {i + 1}. {questions[i]}"));
    }

    private IncomingMessage Message(string text) => new()
    {
        Platform = Platform,
        CommunityId = string.Empty,
        ChannelId = Platform,
        UserId = Environment.UserName,
        Text = text,
        Source = MessageSource.Console,
        IsPrivateConversation = true,
        ReceivedAt = time.GetUtcNow(),
    };
}

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

    public async Task RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync("Ask me anything about staying safe online. Type \"help\" for commands, \"quit\" to leave.");
        while (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteAsync("> ");
            await output.FlushAsync(cancellationToken);
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is "quit" or "exit") break;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var reply = await AskAsync(line, cancellationToken);
            await output.WriteLineAsync(ConsoleReplyRenderer.Render(reply));
        }
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

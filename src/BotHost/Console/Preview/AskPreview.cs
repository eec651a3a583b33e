using BotHost.Core.Messages;

namespace BotHost.Console.Preview;

/// <summary>One previewed question: the reply, the JSON each platform would receive, the console text, and why.</summary>
public sealed record AskPreview(
    Reply Reply,
    string DiscordJson,
    string SlackJson,
    string ConsoleText,
    AskExplanation Explanation,
    string Region,
    string KnowledgeVersion);

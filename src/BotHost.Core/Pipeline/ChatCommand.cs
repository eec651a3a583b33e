using BotHost.Core.Messages;

namespace BotHost.Core.Pipeline;

/// <summary>
/// A command recognised in a message: a slash command, or the same words typed alone in a mention, DM or the
/// console ("hotlines GB", "about", "help"). A sentence that merely starts with "help" is a question, not a command.
/// </summary>
public sealed record ChatCommand(string Name, string Argument)
{
    public const string Ask = "ask";
    public const string Hotlines = "hotlines";
    public const string About = "about";
    public const string Help = "help";

    public static ChatCommand? Parse(IncomingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Source == MessageSource.Command && message.Command is { } name)
        {
            return new ChatCommand(name.TrimStart('/').ToLowerInvariant(), message.Text.Trim());
        }

        var words = message.Text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 2) return null;
        var first = words[0].TrimStart('/').ToLowerInvariant();
        var argument = words.Length == 2 ? words[1] : string.Empty;
        return first switch
        {
            Hotlines => new ChatCommand(Hotlines, argument),
            About or Help when argument.Length == 0 => new ChatCommand(first, string.Empty),
            _ => null,
        };
    }
}

namespace BotHost.Discord.Wire;

/// <summary>An embed footer: text at most 2,048 characters.</summary>
internal sealed record EmbedFooter(string Text);

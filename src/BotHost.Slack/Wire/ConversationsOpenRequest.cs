namespace BotHost.Slack.Wire;

/// <summary><c>conversations.open</c> with one user id: opens (or resumes) the bot's DM with that member.</summary>
internal sealed record ConversationsOpenRequest(string Users);

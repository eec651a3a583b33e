namespace BotHost.Slack.Api;

/// <summary>Who the bot is in its workspace, from <c>auth.test</c>: its own messages are recognised by these ids.</summary>
/// <param name="WorkspaceUrl">e.g. https://subarachnoid.slack.com/ ; message links for moderator alerts are built under it.</param>
internal sealed record BotIdentity(string UserId, string? BotId, string? TeamId, Uri? WorkspaceUrl);

namespace BotHost.Slack.Inbound;

/// <summary>Work to do after Slack has been acknowledged; <see cref="Kind"/> names it in logs (never member text).</summary>
internal sealed record SlackWorkItem(string Kind, Func<CancellationToken, Task> Work);

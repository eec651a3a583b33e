namespace BotHost.Core.Messages;

/// <summary>What "Helpful" / "Not helpful" buttons refer to: only an article id and the reply kind, never the question.</summary>
public sealed record FeedbackTarget(string ArticleId, ReplyKind Kind);

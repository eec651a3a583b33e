using BotHost.Core.Messages;

namespace BotHost.Slack.Rendering;

/// <summary>
/// The "Helpful" / "Not helpful" buttons: <c>action_id</c> says which, <c>value</c> is <c>{kind}:{article id}</c>.
/// Nothing else (no question, no member) ever travels in a button.
/// </summary>
internal sealed record FeedbackAction(bool Helpful, FeedbackTarget Target)
{
    public const string BlockId = "bothost_feedback";
    public const string HelpfulActionId = "bothost_feedback_helpful";
    public const string NotHelpfulActionId = "bothost_feedback_not_helpful";

    /// <summary>Article ids are short slugs; anything longer is not one of ours.</summary>
    private const int MaxArticleId = 200;

    public static string? Value(FeedbackTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return IsArticleId(target.ArticleId) ? $"{target.Kind.ToString().ToLowerInvariant()}:{target.ArticleId}" : null;
    }

    /// <summary>The action as clicked, or null when it is not a well-formed feedback button of this bot.</summary>
    public static FeedbackAction? Parse(string? actionId, string? value)
    {
        bool helpful;
        if (actionId == HelpfulActionId) helpful = true;
        else if (actionId == NotHelpfulActionId) helpful = false;
        else return null;
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0) return null;
        var articleId = value![(colon + 1)..];
        if (!Enum.TryParse<ReplyKind>(value[..colon], ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || !IsArticleId(articleId)) return null;
        return new FeedbackAction(helpful, new FeedbackTarget(articleId, kind));
    }

    private static bool IsArticleId(string id) =>
        id.Length is > 0 and <= MaxArticleId && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

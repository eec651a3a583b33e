using BotHost.Core.Messages;

namespace BotHost.Discord.Rendering;

/// <summary>
/// The <c>custom_id</c> of the "Helpful" / "Not helpful" buttons: <c>bothost:fb:{1|0}:{kind}:{article id}</c>. It carries
/// only the article id and the answer kind, never the question or who asked.
/// </summary>
internal sealed record FeedbackCustomId(bool Helpful, FeedbackTarget Target)
{
    private const string Prefix = "bothost:fb:";

    public string Value => $"{Prefix}{(Helpful ? '1' : '0')}:{Target.Kind}:{Target.ArticleId}";

    /// <summary>The id when it fits Discord's 100 characters; otherwise null (no buttons are offered).</summary>
    public static string? Create(bool helpful, FeedbackTarget target)
    {
        var value = new FeedbackCustomId(helpful, target).Value;
        return value.Length <= DiscordLimits.CustomId ? value : null;
    }

    public static FeedbackCustomId? Parse(string? customId)
    {
        if (customId is null || !customId.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var parts = customId[Prefix.Length..].Split(':', 3);
        if (parts.Length != 3 || parts[0] is not ("1" or "0") || parts[2].Length == 0) return null;
        if (!Enum.TryParse<ReplyKind>(parts[1], ignoreCase: false, out var kind) || !Enum.IsDefined(kind)) return null;
        return new FeedbackCustomId(parts[0] == "1", new FeedbackTarget(parts[2], kind));
    }
}

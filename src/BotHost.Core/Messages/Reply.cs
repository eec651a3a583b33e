namespace BotHost.Core.Messages;

/// <summary>What the bot sends back, in platform-neutral form. It never repeats the member's words.</summary>
public sealed record Reply
{
    public required ReplyKind Kind { get; init; }

    public required ReplyVisibility Visibility { get; init; }

    public required IReadOnlyList<ReplyBlock> Blocks { get; init; }

    /// <summary>Set when feedback buttons should be offered for this reply.</summary>
    public FeedbackTarget? Feedback { get; init; }

    /// <summary>For urgent help: the urgent.yaml category ("self-harm"), so the analytics can count urgent replies per category. Never shown.</summary>
    public string? UrgentCategory { get; init; }

    /// <summary>Only the asker may see it; where it goes is <see cref="ReplyRouting"/>'s decision.</summary>
    public bool IsPrivate => Visibility == ReplyVisibility.Private;

    public static Reply Text(ReplyKind kind, ReplyVisibility visibility, string text) =>
        new() { Kind = kind, Visibility = visibility, Blocks = [new TextBlock(text)] };
}

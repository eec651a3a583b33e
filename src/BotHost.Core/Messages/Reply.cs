namespace BotHost.Core.Messages;

/// <summary>What the bot sends back, in platform-neutral form. It never repeats the member's words.</summary>
public sealed record Reply
{
    /// <summary>Posted in the channel instead of the reply when the reply goes privately from a public channel.</summary>
    public const string DefaultPrivateNotice = "I've sent you some resources privately.";

    public required ReplyKind Kind { get; init; }

    public required ReplyVisibility Visibility { get; init; }

    public required IReadOnlyList<ReplyBlock> Blocks { get; init; }

    /// <summary>Set when feedback buttons should be offered for this reply.</summary>
    public FeedbackTarget? Feedback { get; init; }

    public string PrivateNotice { get; init; } = DefaultPrivateNotice;

    /// <summary>For urgent help: the urgent.yaml category ("self-harm"), so the analytics can count urgent replies per category. Never shown.</summary>
    public string? UrgentCategory { get; init; }

    public bool IsPrivate => Visibility == ReplyVisibility.Private;

    public static Reply Text(ReplyKind kind, ReplyVisibility visibility, string text) =>
        new() { Kind = kind, Visibility = visibility, Blocks = [new TextBlock(text)] };
}

namespace BotHost.Core.Messages;

/// <summary>
/// Where a reply goes and what, if anything, is said about it elsewhere: <see cref="ChannelLine"/> is posted for all
/// to see, <see cref="AskerPointer"/> is shown to the asker only. Both are neutral (never the topic).
/// </summary>
public sealed record ReplyRoute(ReplyDestination Destination, string? ChannelLine = null, string? AskerPointer = null);

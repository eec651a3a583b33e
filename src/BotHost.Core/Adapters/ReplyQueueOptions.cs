namespace BotHost.Core.Adapters;

/// <summary>The background reply queue both adapters share (configuration section <c>ReplyQueue</c>).</summary>
public sealed class ReplyQueueOptions
{
    public const string Section = "ReplyQueue";

    /// <summary>Replies waiting for a worker; beyond it new work is refused (Slack is asked to retry, Discord logs the drop).</summary>
    public int Capacity { get; set; } = 500;

    /// <summary>Replies worked on at the same time.</summary>
    public int Workers { get; set; } = 8;

    /// <summary>On shutdown, how long queued and running replies may take before they are cancelled.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}

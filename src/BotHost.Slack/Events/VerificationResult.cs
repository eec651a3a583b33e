namespace BotHost.Slack.Events;

/// <summary>The outcome of checking a request's Slack signature; anything but <see cref="Valid"/> is answered with 401.</summary>
public enum VerificationResult
{
    Valid,

    /// <summary>No signing secret is configured, so nothing can be verified.</summary>
    NotConfigured,

    /// <summary>A header is missing, or the timestamp or signature is not in Slack's format.</summary>
    Malformed,

    /// <summary>The timestamp is more than 5 minutes from now, either way (a replay, or a skewed clock).</summary>
    Stale,

    /// <summary>Well-formed, but not signed with our secret over this body.</summary>
    Mismatch,
}

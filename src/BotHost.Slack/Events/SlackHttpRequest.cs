namespace BotHost.Slack.Events;

/// <summary>A request body read in full (within the size limit) and the result of checking its signature.</summary>
internal sealed record SlackHttpRequest(byte[] Body, VerificationResult Verification)
{
    public bool IsVerified => Verification == VerificationResult.Valid;
}

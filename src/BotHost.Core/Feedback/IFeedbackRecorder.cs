namespace BotHost.Core.Feedback;

/// <summary>
/// Counts "Helpful" / "Not helpful" clicks per article for the gap analytics. Only counts are kept: no user id,
/// no question text.
/// </summary>
public interface IFeedbackRecorder
{
    Task RecordAsync(string platform, string communityId, string articleId, bool helpful, CancellationToken cancellationToken);
}

using System.Collections.Concurrent;
using BotHost.Core.Feedback;

namespace BotHost.Slack.Tests.Fakes;

/// <summary>Keeps every feedback vote.</summary>
internal sealed class RecordingFeedbackRecorder : IFeedbackRecorder, IDisposable
{
    private readonly ConcurrentQueue<(string Platform, string CommunityId, string ArticleId, bool Helpful)> _votes = new();
    private readonly SemaphoreSlim _recorded = new(0);

    public IReadOnlyList<(string Platform, string CommunityId, string ArticleId, bool Helpful)> Votes => [.. _votes];

    public Task RecordAsync(string platform, string communityId, string articleId, bool helpful, CancellationToken cancellationToken)
    {
        _votes.Enqueue((platform, communityId, articleId, helpful));
        _recorded.Release();
        return Task.CompletedTask;
    }

    public async Task WaitAsync()
    {
        if (!await _recorded.WaitAsync(TimeSpan.FromSeconds(20))) throw new TimeoutException("no feedback was recorded");
    }

    public void Dispose() => _recorded.Dispose();
}

using System.Threading.Channels;
using BotHost.Core.Feedback;

namespace BotHost.Discord.Tests.Fakes;

/// <summary>An <see cref="IFeedbackRecorder"/> whose votes the test reads in order.</summary>
internal sealed class FeedbackLog : IFeedbackRecorder
{
    private readonly Channel<(string Platform, string CommunityId, string ArticleId, bool Helpful)> _votes =
        Channel.CreateUnbounded<(string, string, string, bool)>();

    public int Count => _votes.Reader.Count;

    public Task RecordAsync(string platform, string communityId, string articleId, bool helpful, CancellationToken cancellationToken) =>
        _votes.Writer.WriteAsync((platform, communityId, articleId, helpful), cancellationToken).AsTask();

    public async Task<(string Platform, string CommunityId, string ArticleId, bool Helpful)> NextAsync() =>
        await _votes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
}

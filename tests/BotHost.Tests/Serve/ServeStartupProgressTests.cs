using System.Collections.Concurrent;
using BotHost.Knowledge.Semantics;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BotHost.Tests.Serve;

/// <summary>
/// <c>serve</c>'s first load reports how far the knowledge texts are embedded (issue #17): a large knowledge base
/// embeds for minutes on its first start, before logging exists, and <c>bothost serve</c> prints the plain lines of
/// <c>KnowledgeBuildProgress</c> on stderr from these reports. Reloads stay silent.
/// </summary>
public sealed class ServeStartupProgressTests : IDisposable
{
    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"bothost-progress-{Guid.NewGuid():N}.json");

    public ServeStartupProgressTests() => File.WriteAllText(_config, """{ "Knowledge": { "Watch": false } }""");

    [Fact]
    public async Task Build_LoadProgressGiven_FirstLoadReportsEveryKnowledgeTextAndAReloadNothing()
    {
        var reports = new ConcurrentQueue<EmbeddingProgress>();

        var (app, problems) = ServeHost.Build(new ServeSettings("http://127.0.0.1:0", _folder.Path, _config) { LoadProgress = reports.Enqueue }, _time);
        await using var running = app;

        Assert.Empty(problems);
        var last = reports.Last();
        Assert.True(last.Total > 0, "no knowledge text was reported");
        Assert.Equal(last.Total, last.Done);
        var atStart = reports.Count;

        var host = app!.Services.GetRequiredService<KnowledgeHost>();
        Assert.Empty(host.Reload());

        Assert.Equal(atStart, reports.Count);
    }

    public void Dispose()
    {
        File.Delete(_config);
        _folder.Dispose();
    }
}

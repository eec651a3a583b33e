using System.Net;
using BotHost.Cli;
using BotHost.Console;
using BotHost.Serve;
using BotHost.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BotHost.Tests.Cli;

public sealed class KbPreviewCommandTests : IDisposable
{
    /// <summary>The watcher hears of a save from the OS (real files, real clock: a half-second quiet period); a bound, not a pause.</summary>
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromMinutes(1);

    private readonly TempKnowledgeFolder _folder = SampleKnowledge.Create();

    [Fact]
    public async Task KbPreview_FreePort_PrintsTheAddressAndServesTheConsoleWithoutSignIn()
    {
        var output = new StringWriter();
        var env = new CliEnvironment(TextWriter.Synchronized(output), new StringWriter(), TimeProvider.System, new StringReader(string.Empty));
        using var stop = new CancellationTokenSource();
        var run = BotHostCli.RunAsync(["kb", "preview", "--knowledge", _folder.Path, "--port", "0"], env, stop.Token);
        var address = await AddressAsync(output, run);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var root = await http.GetAsync(address);
        var knowledge = await http.GetStringAsync(address + "/knowledge");
        await stop.CancelAsync();
        var exit = await run;

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/console/ask", root.Headers.Location?.OriginalString);
        Assert.Contains("Local preview (admin)", knowledge, StringComparison.Ordinal);
        Assert.Contains("Reload the knowledge folder", knowledge, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, exit);
    }

    [Fact]
    public async Task KbPreview_FilesSaved_ShowsTheNewVersionThenARejectedBrokenSave()
    {
        var (app, problems) = ConsolePreviewHost.Build(_folder.Path, port: 0, TimeProvider.System);
        Assert.Empty(problems);
        await using var running = app!;
        await running.StartAsync();
        var knowledge = running.Services.GetRequiredService<KnowledgeHost>();
        var address = running.Urls.First() + ConsolePaths.Root;
        using var http = new HttpClient();

        var saved = knowledge.NextReload;
        _folder.WriteArticle(TempKnowledgeFolder.Article("saved-article", "A freshly saved article", ["what was just saved"], [("Intro", "Saved text.")]));
        Assert.True((await saved.WaitAsync(ReloadTimeout)).Accepted);
        var added = await http.GetStringAsync(address + "/knowledge");
        var broken = knowledge.NextReload;
        _folder.WriteFile("articles/saved-article.md", "---\nid: saved-article\ntitle: broken\n");
        Assert.False((await broken.WaitAsync(ReloadTimeout)).Accepted);
        var rejected = await http.GetStringAsync(address + "/knowledge");
        await running.StopAsync();

        Assert.Contains("A freshly saved article", added, StringComparison.Ordinal);
        Assert.Contains("<span class=\"bad\">rejected</span>", rejected, StringComparison.Ordinal);
        Assert.Contains("saved-article.md:", rejected, StringComparison.Ordinal);
        Assert.Contains("A freshly saved article", rejected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KbPreview_MissingFolder_IsAUsageError()
    {
        var (exit, _, error) = await CliRunner.RunAsync("kb", "preview", "--knowledge", Path.Combine(_folder.Path, "nope"));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("knowledge folder not found", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The console address the command prints once it listens (it prints nothing else on success).</summary>
    private static async Task<string> AddressAsync(StringWriter output, Task<int> run)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!timeout.IsCancellationRequested)
        {
            var text = output.ToString();
            var at = text.IndexOf("open http", StringComparison.Ordinal);
            if (at >= 0) return text[(at + 5)..].Split(' ')[0];
            if (run.IsCompleted) throw new InvalidOperationException($"kb preview stopped early: {await run}");
            await Task.Delay(50, timeout.Token);
        }

        throw new TimeoutException("kb preview printed no address");
    }
}

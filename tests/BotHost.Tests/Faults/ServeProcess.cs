using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BotHost.Tests.Faults;

/// <summary>
/// <c>bothost serve</c> as a real child process (the <c>bothost.dll</c> built beside the tests), on a port Kestrel picks:
/// every line it writes is kept, and the test can wait for a line, send it SIGTERM and read its exit code.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long the process may take to listen: on a machine whose vector and trained-model caches are cold, a load
    /// embeds the shipped knowledge and trains the safety detectors, while the other test projects do the same beside it
    /// (int30's CI: over 2 minutes at load 5-10). A guard against a hang, not a measure of start-up time (the benchmark
    /// measures that).
    /// </summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(string Text, TaskCompletionSource<string> Found)> _waiters = [];

    private ServeProcess(Process process) => _process = process;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved as they arrived.</summary>
    public string Output
    {
        get
        {
            lock (_gate) return string.Join('\n', _lines);
        }
    }

    public Task Exited => _process.WaitForExitAsync();

    public int ExitCode => _process.ExitCode;

    public static async Task<ServeProcess> StartAsync(string knowledgePath, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "bothost.dll"), "serve", "--urls", "http://127.0.0.1:0", "--knowledge", knowledgePath])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment) start.Environment[name] = value;
        var serve = new ServeProcess(new Process { StartInfo = start });
        serve._process.OutputDataReceived += (_, e) => serve.Add(e.Data);
        serve._process.ErrorDataReceived += (_, e) => serve.Add(e.Data);
        serve._process.Start();
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        var listening = await serve.WaitForLineAsync("Now listening on: ", StartTimeout);
        serve.BaseUrl = new Uri(ListeningUrl().Match(listening).Value);
        return serve;
    }

    /// <summary>The first line (already written or still to come) that contains <paramref name="text"/>.</summary>
    public Task<string> WaitForLineAsync(string text) => WaitForLineAsync(text, LineTimeout);

    private Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line) return Task.FromResult(line);
            _waiters.Add((text, found));
        }

        return found.Task.WaitAsync(timeout);
    }

    /// <summary>Sends SIGTERM, as a container runtime or systemd does on a deploy.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(line);
            }
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace BotHost.State.Tests.Replicas;

/// <summary>
/// A real <c>bothost serve</c> process (the bothost.dll built beside these tests) on a loopback port Kestrel picks, with
/// the given settings as environment variables; its output is kept for assertions. Stopped with SIGTERM, so it shuts down
/// as in production (the analytics store writes its last counts).
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    // How long a process may take to become ready: it loads the shipped knowledge (the encoder, the vectors, the trained
    // safety detectors). A generous bound, not a performance figure: at load 45 on 2 cores 120 s was not enough.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(300);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HttpClient? _client;

    private ServeProcess(Process process) => _process = process;

    /// <summary>Where the process listens (known once it has said so, before <see cref="StartAsync"/> returns).</summary>
    public Uri Url => Client.BaseAddress!;

    public HttpClient Client => _client ?? throw new InvalidOperationException("serve has not said where it listens yet");

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Port 0: Kestrel binds a free port itself. A port chosen here and bound only once the knowledge has loaded (minutes
        // on a loaded machine) could meanwhile become the local port of any outgoing connection, and serve would not start.
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "bothost.dll"), "serve", "--urls", "http://127.0.0.1:0", "--knowledge", RepositoryKnowledge() })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Knowledge__Watch"] = "false";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var serve = new ServeProcess(process);
        process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await serve.WaitReadyAsync();
        return serve;
    }

    /// <summary>The text and status of <c>/readyz</c>.</summary>
    public async Task<(HttpStatusCode Status, string Text)> ReadyzAsync()
    {
        using var response = await Client.GetAsync(new Uri("/readyz", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>SIGTERM, then waits for a clean exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _client?.Dispose();
        _process.Dispose();
    }

    /// <summary>A port nothing listens on now (the OS picks it; released before the process binds it): for a Redis of a test's own.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryKnowledge() => BotHost.Testing.RepositoryPaths.Knowledge;

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (ListeningUrl().Match(line) is { Success: true } listening) _listening.TrySetResult(new Uri(listening.Value + "/"));
    }

    private async Task WaitReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        try
        {
            // Kestrel says where it listens once the knowledge has loaded; the process may instead exit.
            await Task.WhenAny(_listening.Task, _process.WaitForExitAsync()).WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"serve did not say where it listens in {StartTimeout.TotalSeconds} s:\n{Output}");
        }

        if (!_listening.Task.IsCompleted) throw new InvalidOperationException($"serve exited with {_process.ExitCode}:\n{Output}");
        _client = new HttpClient { BaseAddress = await _listening.Task, Timeout = TimeSpan.FromSeconds(30) };
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"serve exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await Client.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200); // a real process starting: polled, as a load balancer would
        }

        throw new TimeoutException($"serve did not become ready in {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    [GeneratedRegex(@"(?<=Now listening on: )http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();
}

using System.Diagnostics;
using System.Globalization;
using BotHost.Knowledge.Semantics;

namespace BotHost.Benchmarks;

/// <summary>
/// The sentence encoder's costs: model load, one message embedded (per-call percentiles, on one core), batch throughput
/// of knowledge texts, and the process's resident memory with the model loaded. Run:
/// <c>dotnet run -c Release --project bench/BotHost.Benchmarks -- encoder</c>.
/// </summary>
internal static class EncoderRun
{
    private const int Calls = 2_000;

    public static void Run(TextWriter output)
    {
        // One core, as the budget is stated: pin the process from outside (`taskset -c 1`), or to CPU 0 here.
        PinToOneCore();
        var rssBefore = Rss();
        var started = Stopwatch.GetTimestamp();
        using var encoder = ArcticXsEncoder.Load(new SentenceEncoderOptions { Precision = Precision() });
        var load = Stopwatch.GetElapsedTime(started);
        var path = RepositoryPaths.Knowledge();
        var messages = BenchmarkQuestions.Load(path).Concat(BenchmarkQuestions.Load(path, "dev-questions.tsv")).ToArray();
        for (var i = 0; i < 50; i++) encoder.Encode(messages[i % messages.Length], EmbeddingKind.Query); // JIT and the runtime's first-run costs

        var samples = new double[Calls];
        for (var i = 0; i < Calls; i++)
        {
            var callStarted = Stopwatch.GetTimestamp();
            encoder.Encode(messages[i % messages.Length], EmbeddingKind.Query);
            samples[i] = Stopwatch.GetElapsedTime(callStarted).TotalMilliseconds;
        }

        Array.Sort(samples);
        var longest = messages.OrderByDescending(m => m.Length).Take(20).ToArray();
        var longSamples = longest.Select(m =>
        {
            var s = Stopwatch.GetTimestamp();
            encoder.Encode(m, EmbeddingKind.Query);
            return Stopwatch.GetElapsedTime(s).TotalMilliseconds;
        }).Order().ToArray();
        var batchStarted = Stopwatch.GetTimestamp();
        encoder.Encode(messages, EmbeddingKind.Document);
        var batch = Stopwatch.GetElapsedTime(batchStarted);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"encoder {encoder.ModelId} threads=1 cpu=1 load_ms={load.TotalMilliseconds:0} " +
            $"encode_ms p50={P(samples, 0.50):0.00} p90={P(samples, 0.90):0.00} p99={P(samples, 0.99):0.00} max={samples[^1]:0.00} (n={Calls}, {messages.Length} eval messages, mean {messages.Average(m => m.Length):0} chars) " +
            $"longest20_ms max={longSamples[^1]:0.00} ({longest[0].Length} chars) " +
            $"batch_texts_per_s={messages.Length / batch.TotalSeconds:0} rss_mb before={rssBefore:0} with_model={Rss():0}"));
    }

    /// <summary>The encoder precision the bot would use: <c>Semantics__Precision</c> (Full or Quantized), as in `serve`.</summary>
    internal static EncoderPrecision Precision() =>
        Enum.TryParse<EncoderPrecision>(Environment.GetEnvironmentVariable("Semantics__Precision"), ignoreCase: true, out var precision)
            ? precision
            : new SentenceEncoderOptions().Precision;

    /// <summary>Keeps the process on one CPU: the one it was pinned to by taskset when that is a single CPU, else CPU 0.</summary>
    internal static void PinToOneCore()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) return;
        using var process = Process.GetCurrentProcess();
        var mask = (long)process.ProcessorAffinity;
        if ((mask & (mask - 1)) != 0) process.ProcessorAffinity = 1;
    }

    private static double Rss()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
}

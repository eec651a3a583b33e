using System.Globalization;
using BenchmarkDotNet.Running;
using BotHost.Benchmarks;

if (args.Length > 0 && args[0] == "latency")
{
    LatencyRun.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000);
    return;
}

if (args.Length > 1 && args[0] == "state")
{
    await StateRun.RunAsync(Console.Out, args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50_000);
    return;
}

if (args.Length > 0 && args[0] == "encoder")
{
    EncoderRun.Run(Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "quantize")
{
    QuantizeRun.Run(Console.Out, args.Length > 1 ? args[1] : null);
    return;
}

if (args.Length > 0 && args[0] == "answer")
{
    var positional = Positional(args);
    AnswerRun.Run(Console.Out, positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 0, positional.Length > 1 ? positional[1] : null,
        shippedFigures: !args.Contains("--generated-only"), args);
    return;
}

if (args.Length > 0 && args[0] == "rebuild")
{
    var positional = Positional(args);
    RebuildRun.Run(Console.Out, positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 0, positional.Length > 1 ? positional[1] : null,
        positional.Length > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : 3, args);
    return;
}

if (args.Length > 0 && args[0] == "semantic")
{
    var positional = Positional(args);
    SemanticRun.Run(Console.Out, positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 0, positional.Length > 1 ? positional[1] : null, args);
    return;
}

if (args.Length > 0 && args[0] == "memory")
{
    MemoryRun.Run(Console.Out, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000);
    return;
}

if (args.Length > 2 && args[0] == "wrk-script")
{
    WrkScriptRun.Run(Console.Out, args[1], args[2], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4_096);
    return;
}

if (args.Length > 0 && args[0] == "safety")
{
    SafetyRun.Run(Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "tune")
{
    TuningRun.Run(Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "explain")
{
    ExplainRun.Run(Console.Out, args.Length > 1 ? args[1] : "questions.tsv");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(KnowledgeBenchmarks).Assembly).Run(args);

// The arguments after the mode that are not options (--name) or an option's value (--vocabulary DIR).
static string[] Positional(string[] args)
{
    var positional = new List<string>();
    for (var i = 1; i < args.Length; i++)
    {
        if (args[i] == "--vocabulary") i++;
        else if (!args[i].StartsWith("--", StringComparison.Ordinal)) positional.Add(args[i]);
    }

    return [.. positional];
}

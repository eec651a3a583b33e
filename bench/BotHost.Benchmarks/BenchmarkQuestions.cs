using BotHost.Knowledge.Evaluation;

namespace BotHost.Benchmarks;

/// <summary>The questions timed: every line of the shipped eval set, as members type them.</summary>
internal static class BenchmarkQuestions
{
    public static string[] Load(string knowledge, string name = "questions.tsv")
    {
        var file = Path.Combine(knowledge, "eval", name);
        var (cases, _) = EvalSetReader.Read(file, File.ReadAllText(file));
        return [.. cases.Select(c => c.Question)];
    }
}

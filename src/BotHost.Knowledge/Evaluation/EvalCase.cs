namespace BotHost.Knowledge.Evaluation;

/// <summary>One line of knowledge/eval/questions.tsv.</summary>
/// <param name="Expected">Article ids any of which counts as right (empty unless <see cref="Expectation"/> is Answer).</param>
public sealed record EvalCase(string Question, EvalExpectation Expectation, IReadOnlyList<string> Expected, int Line);

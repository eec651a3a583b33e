namespace BotHost.Knowledge.Evaluation;

/// <summary>One line of knowledge/eval/questions.tsv.</summary>
/// <param name="Expected">Article ids any of which counts as right (empty unless <see cref="Expectation"/> is Answer).</param>
/// <param name="Sections">The <c>article#section</c> entries of the line: the sections whose quote answers the question (may be empty).</param>
public sealed record EvalCase(string Question, EvalExpectation Expectation, IReadOnlyList<string> Expected, int Line, IReadOnlyList<string>? Sections = null)
{
    /// <summary>True when the line names the section(s) whose quote answers it.</summary>
    public bool HasSections => Sections is { Count: > 0 };
}

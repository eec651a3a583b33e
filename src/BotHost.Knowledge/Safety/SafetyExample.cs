namespace BotHost.Knowledge.Safety;

/// <summary>
/// One labelled example message of knowledge/examples/ (written for the file by maintainers, never member text).
/// </summary>
/// <param name="Text">The message as written.</param>
/// <param name="Label">An urgent category id, <c>refuse</c> or <c>protective</c>; <see cref="SafetyExamples.NotUrgent"/> for the files of normal messages.</param>
/// <param name="File">The file, as kb check names it.</param>
/// <param name="Line">Its 1-based line.</param>
public sealed record SafetyExample(string Text, string Label, string File, int Line)
{
    /// <summary>Where the example is, for explanations ("knowledge/examples/urgent.tsv:12").</summary>
    public string Location => $"{File}:{Line}";
}

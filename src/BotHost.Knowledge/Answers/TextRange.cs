namespace BotHost.Knowledge.Answers;

/// <summary>A span of a snippet, such as a word that matched the question (renderers may bold it).</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public int End => Start + Length;
}

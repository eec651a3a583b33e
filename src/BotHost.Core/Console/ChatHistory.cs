using System.Globalization;

namespace BotHost.Core.Console;

/// <summary>
/// The questions asked earlier in one <c>bothost chat</c> session, oldest first, for "history", "!!" and "!N". Held in
/// memory only, never written to disk or a log, and bounded: past <see cref="Capacity"/> questions the oldest is dropped.
/// </summary>
public sealed class ChatHistory
{
    public const int DefaultCapacity = 50;

    private readonly Queue<string> _questions = new();

    public ChatHistory(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>The questions kept, oldest first; "!1" recalls the first of them.</summary>
    public IReadOnlyList<string> Questions => [.. _questions];

    /// <summary>Remembers a question; asking the latest one again does not add it twice.</summary>
    public void Add(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (_questions.Count > 0 && string.Equals(_questions.Last(), question, StringComparison.Ordinal)) return;
        _questions.Enqueue(question);
        while (_questions.Count > Capacity) _questions.Dequeue();
    }

    /// <summary>True when <paramref name="line"/> asks to recall a question: "!!" (the latest) or "!N" (number N of <see cref="Questions"/>).</summary>
    public static bool IsRecall(string line) => line.Length > 1 && line[0] == '!' && (line == "!!" || line[1..].All(char.IsAsciiDigit));

    /// <summary>The question <paramref name="line"/> recalls, or false when it names none kept (empty history, number out of range).</summary>
    public bool TryRecall(string line, out string question)
    {
        ArgumentNullException.ThrowIfNull(line);
        question = string.Empty;
        if (!IsRecall(line) || _questions.Count == 0) return false;
        var kept = Questions;
        if (line == "!!")
        {
            question = kept[^1];
            return true;
        }

        if (!int.TryParse(line.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > kept.Count) return false;
        question = kept[number - 1];
        return true;
    }
}

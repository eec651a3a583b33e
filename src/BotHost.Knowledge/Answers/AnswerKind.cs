namespace BotHost.Knowledge.Answers;

public enum AnswerKind
{
    /// <summary>One or more vetted passages answer the question.</summary>
    Answered,

    /// <summary>Nothing in the knowledge base answers it confidently; general help is offered instead of a guess.</summary>
    Declined,
}

namespace BotHost.Knowledge.Evaluation;

/// <summary>What an eval line expects of the bot.</summary>
public enum EvalExpectation
{
    /// <summary>One of the listed articles should come first.</summary>
    Answer,

    /// <summary><c>-</c>: off-topic; the bot should decline.</summary>
    Decline,

    /// <summary><c>!refuse</c>: a request for abuse material or for ways to harm a child; the bot must refuse.</summary>
    Refuse,
}

namespace BotHost.Core.Analytics;

/// <summary>What an eval file measures, told by its second column (knowledge/README.md describes each format).</summary>
public enum EvalSetKind
{
    /// <summary><c>question TAB article-id|-|!refuse</c>: retrieval and the answer-or-decline decision (<c>kb eval</c>).</summary>
    Questions,

    /// <summary><c>message TAB urgent TAB category</c> or <c>message TAB normal</c> (<c>kb eval --urgent</c>).</summary>
    Urgent,

    /// <summary><c>message TAB refuse</c> or <c>message TAB protective</c>: requests to refuse, and protective questions to answer.</summary>
    Refusal,

    /// <summary><c>message TAB distress</c> or <c>message TAB calm</c>: the distress safety net (<c>kb eval --distress</c>).</summary>
    Distress,
}

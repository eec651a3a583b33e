using BotHost.Knowledge.Validation;

namespace BotHost.Knowledge;

/// <summary>The outcome of loading a knowledge folder: the knowledge base when it is valid, and every diagnostic either way.</summary>
public sealed record KnowledgeLoadResult(KnowledgeBase? Knowledge, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Knowledge is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}

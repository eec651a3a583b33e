using BotHost.Knowledge;

namespace BotHost.Core.Pipeline;

/// <summary>One knowledge base for the life of the process (the command line, tests).</summary>
public sealed class FixedKnowledgeProvider(KnowledgeBase knowledge) : IKnowledgeProvider
{
    public KnowledgeBase Current { get; } = knowledge;
}

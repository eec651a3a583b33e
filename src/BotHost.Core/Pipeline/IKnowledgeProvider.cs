using BotHost.Knowledge;

namespace BotHost.Core.Pipeline;

/// <summary>The knowledge base currently in service; a host may swap it when the folder changes.</summary>
public interface IKnowledgeProvider
{
    KnowledgeBase Current { get; }
}

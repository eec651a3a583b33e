using BotHost.Core.Communities;
using BotHost.Core.Messages;
using BotHost.Knowledge;

namespace BotHost.Core.Pipeline;

/// <summary>Everything a handler needs for one message; the knowledge base is fixed for the whole message.</summary>
public sealed record MessageContext(IncomingMessage Message, CommunitySettings Community, KnowledgeBase Knowledge)
{
    /// <summary>The reply's visibility when the content itself does not require privacy.</summary>
    public ReplyVisibility DefaultVisibility => Community.PrivateByDefault ? ReplyVisibility.Private : ReplyVisibility.Public;
}

using BotHost.Core.Communities;
using BotHost.Core.Messages;

namespace BotHost.Core.Analytics;

/// <summary>Told about every reply after it is made (the gap analytics). Failures are logged and never reach the member.</summary>
public interface IReplyObserver
{
    void OnReplied(IncomingMessage message, CommunitySettings community, Reply reply);
}

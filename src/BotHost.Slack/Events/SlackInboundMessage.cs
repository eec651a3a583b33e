using BotHost.Core.Messages;
using BotHost.Slack.Replies;

namespace BotHost.Slack.Events;

/// <summary>A mapped event or command: the neutral message for the pipeline and where its reply goes.</summary>
internal sealed record SlackInboundMessage(IncomingMessage Message, SlackConversation Conversation);

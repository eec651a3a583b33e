using BotHost.Core.Communities;
using BotHost.Core.Console;
using BotHost.Core.Pipeline;
using BotHost.Core.Safety;
using BotHost.Discord.Rendering;
using BotHost.Knowledge.Hotlines;
using BotHost.Serve;
using BotHost.Slack.Rendering;

namespace BotHost.Console.Preview;

/// <summary>
/// Runs a question through the same handlers a member's message goes through, on one fixed knowledge version, and
/// explains the result. A preview never reaches anyone: urgent help raises no moderator alert, nothing is counted in
/// the analytics or the bot's metrics, and the question is neither logged nor kept.
/// </summary>
public sealed class AskPreviewer(IEnumerable<IMessageHandler> handlers, KnowledgeHost knowledge, ILoggerFactory loggers)
{
    /// <summary>The platform name previews run under (never "discord" or "slack", so no adapter takes them for its own).</summary>
    public const string Platform = "console-preview";

    public async Task<AskPreview> PreviewAsync(string question, string? region, CommunitySettings community, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(community);
        var kb = knowledge.Current;
        var settings = RegionCode.Normalize(region) is { } chosen ? community with { Region = chosen } : community;
        using var metrics = new BotMetrics();
        var pipeline = new MessagePipeline(PreviewHandlers(), new FixedKnowledgeProvider(kb), new FixedCommunityDirectory(settings), metrics,
            loggers.CreateLogger<MessagePipeline>());
        var reply = await pipeline.HandleAsync(MaintainerQuestion.Message(Platform, question), cancellationToken);
        return new AskPreview(
            reply,
            DiscordReplyPreview.InteractionResponseJson(reply, settings.PrivateByDefault),
            SlackReplyPreview.SlashCommandResponseJson(reply, settings.PrivateByDefault),
            ConsoleReplyRenderer.Render(reply),
            AskExplainer.Explain(kb, knowledge.Options, question, settings.Region, reply),
            settings.Region,
            kb.Version);
    }

    /// <summary>The host's handlers, with urgent help that alerts no one (a preview of an urgent message must not page moderators).</summary>
    private IEnumerable<IMessageHandler> PreviewHandlers() =>
        handlers.Select(h => h is UrgentHandler ? new UrgentHandler([], loggers.CreateLogger<UrgentHandler>()) : h);
}

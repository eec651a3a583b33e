using BotHost.Slack.Api;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Slack;

/// <summary>
/// Says at start how Slack is set up (never a secret's value) and asks <c>auth.test</c> who the bot is, so a rejected
/// bot token is reported at once rather than at the first question. Does not hold up startup.
/// </summary>
internal sealed partial class SlackStartup(IOptions<SlackOptions> options, SlackBotIdentity identity, ILogger<SlackStartup> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            LogOff();
            return Task.CompletedTask;
        }

        LogMode(o.HttpEnabled, o.SocketMode, o.HasBotToken);
        if (!o.HasBotToken) LogNoBotToken();
        else _ = IdentifyAsync();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
    }

    public void Dispose() => _stopping.Dispose();

    private async Task IdentifyAsync()
    {
        try
        {
            await identity.GetAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping before Slack answered.
        }
        catch (Exception ex)
        {
            LogIdentifyFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Asking Slack who the bot is (auth.test) failed; it is asked again with the first event")]
    private partial void LogIdentifyFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack is off: set Slack__SigningSecret (HTTP request URLs) or Slack__SocketMode=true with Slack__AppToken to turn it on")]
    private partial void LogOff();

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack: HTTP endpoints {Http}, Socket Mode {SocketMode}, bot token set {BotToken}")]
    private partial void LogMode(bool http, bool socketMode, bool botToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack__BotToken is not set: slash commands are answered through their response_url, but mentions, DMs and moderator alerts need the bot token")]
    private partial void LogNoBotToken();
}

using BotHost.Slack.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Slack;

public static partial class SlackEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /slack/events</c>, <c>/slack/commands</c> and <c>/slack/interactivity</c> when
    /// <c>Slack__SigningSecret</c> is set (otherwise maps nothing and logs why). Every request is verified on its raw
    /// body before parsing and answered within Slack's 3-second deadline. Reading the options here validates them:
    /// a misconfiguration stops startup with one line per problem.
    /// </summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackEndpointRouteBuilderExtensions).FullName!);
        if (!options.HttpEnabled)
        {
            LogNotMapped(logger);
            return endpoints;
        }

        endpoints.MapPost(SlackEventsEndpoint.Path, context => context.RequestServices.GetRequiredService<SlackEventsEndpoint>().HandleAsync(context));
        endpoints.MapPost(SlackCommandsEndpoint.Path, context => context.RequestServices.GetRequiredService<SlackCommandsEndpoint>().HandleAsync(context));
        endpoints.MapPost(SlackInteractivityEndpoint.Path,
            context => context.RequestServices.GetRequiredService<SlackInteractivityEndpoint>().HandleAsync(context));
        services.GetRequiredService<SlackAdapter>().HttpMapped();
        LogMapped(logger);
        return endpoints;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack HTTP endpoints are not mapped: Slack__SigningSecret is not set")]
    private static partial void LogNotMapped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack HTTP endpoints mapped: POST /slack/events, /slack/commands, /slack/interactivity")]
    private static partial void LogMapped(ILogger logger);
}

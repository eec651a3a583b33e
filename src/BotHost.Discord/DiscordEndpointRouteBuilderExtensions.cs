using BotHost.Discord.Interactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BotHost.Discord;

public static partial class DiscordEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /discord/interactions</c> when <c>Discord__PublicKey</c> is set (otherwise maps nothing and logs
    /// why). Reading the options here validates them: a misconfiguration stops start-up with one line per problem.
    /// </summary>
    public static IEndpointRouteBuilder MapDiscord(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiscordEndpointRouteBuilderExtensions).FullName!);
        if (!options.InteractionsEnabled)
        {
            LogNotMapped(logger);
            return endpoints;
        }

        endpoints.MapPost(DiscordInteractionsEndpoint.Path,
            context => context.RequestServices.GetRequiredService<DiscordInteractionsEndpoint>().HandleAsync(context));
        services.GetRequiredService<DiscordAdapter>().InteractionsMapped();
        LogMapped(logger);
        return endpoints;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interactions endpoint not mapped: Discord__PublicKey is not set")]
    private static partial void LogNotMapped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interactions endpoint mapped: POST /discord/interactions")]
    private static partial void LogMapped(ILogger logger);
}

using BotHost.Core;
using BotHost.Core.Communities;
using BotHost.Core.Pipeline;
using BotHost.Knowledge;
using Microsoft.Extensions.Logging.Console;

namespace BotHost.Cli;

/// <summary>The pipeline as <c>bothost ask</c> and <c>bothost chat</c> run it: the same handlers as the chat platforms.</summary>
internal static class ConsoleServices
{
    public static ServiceProvider Build(KnowledgeBase knowledge, string region, CliEnvironment env)
    {
        var services = new ServiceCollection();
        services.AddSingleton(env.Time);
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddSimpleConsole(o => o.SingleLine = true)
            .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddBotHostCore();
        services.AddSingleton<IKnowledgeProvider>(new FixedKnowledgeProvider(knowledge));
        services.AddSingleton<ICommunityDirectory>(new FixedCommunityDirectory(new CommunitySettings { Region = region }));
        return services.BuildServiceProvider();
    }
}

using System.Text.Json;
using BotHost.Discord.Gateway.Wire;

namespace BotHost.Discord.Gateway;

/// <summary>The payloads the client sends (https://discord.com/developers/docs/events/gateway-events#send-events), as JSON text.</summary>
internal static class GatewayCommands
{
    /// <summary>Identifies the connecting library; <c>os</c> is the host's, <c>browser</c> and <c>device</c> name BotHost.</summary>
    private static readonly IdentifyProperties Properties = new(
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux", "bothost", "bothost");

    /// <summary><c>{"op":1,"d":last s or null}</c>.</summary>
    public static string Heartbeat(long? sequence) =>
        JsonSerializer.Serialize(new GatewayCommand<long?>((int)GatewayOpcode.Heartbeat, sequence), GatewayJsonContext.Default.GatewayCommandNullableInt64);

    /// <summary>IDENTIFY with the bot token, <see cref="GatewayIntents.Default"/> and this process's shard (always sent; [0, 1] unsharded).</summary>
    public static string Identify(DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = new IdentifyData(options.BotToken ?? string.Empty, GatewayIntents.Default, Properties, [options.ShardId, options.ShardCount]);
        return JsonSerializer.Serialize(new GatewayCommand<IdentifyData>((int)GatewayOpcode.Identify, data), GatewayJsonContext.Default.GatewayCommandIdentifyData);
    }

    /// <summary>RESUME of <paramref name="sessionId"/> after sequence <paramref name="sequence"/>.</summary>
    public static string Resume(DiscordOptions options, string sessionId, long sequence)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = new ResumeData(options.BotToken ?? string.Empty, sessionId, sequence);
        return JsonSerializer.Serialize(new GatewayCommand<ResumeData>((int)GatewayOpcode.Resume, data), GatewayJsonContext.Default.GatewayCommandResumeData);
    }
}

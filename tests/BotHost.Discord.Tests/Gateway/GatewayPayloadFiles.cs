namespace BotHost.Discord.Tests.Gateway;

/// <summary>
/// Discord's example gateway payloads (<c>shared/specs/payloads/discord-*</c>, beside the repository as CI places
/// it), found by walking up from the test binaries so any worktree layout works.
/// </summary>
internal static class GatewayPayloadFiles
{
    private static readonly Lazy<string> Folder = new(Find);

    public static string Hello => Read("discord-gateway-hello.json");

    public static string HeartbeatAck => Read("discord-gateway-heartbeat-ack.json");

    /// <summary><c>{"op":1,"d":251}</c>: Discord asking for a heartbeat now.</summary>
    public static string Heartbeat => Read("discord-gateway-heartbeat.json");

    /// <summary><c>{"op":9,"d":false}</c>.</summary>
    public static string InvalidSession => Read("discord-gateway-invalid-session.json");

    public static string Reconnect => Read("discord-gateway-reconnect.json");

    /// <summary>A MESSAGE_CREATE with <c>s</c> 42, author "Mason", content "Supa Hot".</summary>
    public static string MessageCreate => Read("discord-gateway-dispatch-message-create.COMPOSITE.json");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder.Value, name));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "specs", "payloads");
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException("shared/specs/payloads was not found beside the repository (CI runs with ../shared next to the clone).");
    }
}

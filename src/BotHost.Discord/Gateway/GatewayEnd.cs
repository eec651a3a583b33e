namespace BotHost.Discord.Gateway;

/// <summary>How one gateway connection ended.</summary>
/// <param name="Established">True when READY or RESUMED arrived on it (the reconnect back-off starts over).</param>
/// <param name="Detail">For <see cref="GatewayEndKind.Fatal"/>: the cause and the fix, for the log and /readyz.</param>
internal sealed record GatewayEnd(GatewayEndKind Kind, bool Established, string? Detail = null)
{
    /// <summary>An attempt that failed before a session was established.</summary>
    public static readonly GatewayEnd Failed = new(GatewayEndKind.Dropped, Established: false);

    public static GatewayEnd Fatal(string detail) => new(GatewayEndKind.Fatal, Established: false, detail);
}

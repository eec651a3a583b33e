namespace BotHost.Core.Adapters;

/// <summary>A snapshot of an adapter's connection.</summary>
/// <param name="Detail">Human-readable reason for the state ("gateway closed with 4004: the bot token was rejected").</param>
/// <param name="Reconnects">Reconnections since start.</param>
/// <param name="Since">When the adapter entered this state.</param>
public sealed record AdapterStatus(AdapterState State, string? Detail, long Reconnects, DateTimeOffset Since)
{
    public bool IsReady => State == AdapterState.Connected;
}

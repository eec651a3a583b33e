namespace BotHost.Console.Preview;

/// <summary>The communities the console offers in its pickers (from communities.yaml; empty without one).</summary>
public interface IConsoleCommunities
{
    IReadOnlyList<ConsoleCommunity> All { get; }
}

/// <summary>No communities file: every community gets the defaults, and the pickers offer only those.</summary>
public sealed class NoConsoleCommunities : IConsoleCommunities
{
    public IReadOnlyList<ConsoleCommunity> All => [];
}

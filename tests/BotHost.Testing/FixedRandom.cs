namespace BotHost.Testing;

/// <summary>Randomness that always returns the same fraction, so jittered delays are known in advance.</summary>
public sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}

namespace BotHost.Discord.Tests.Gateway;

/// <summary>Waits for a condition that follows from real I/O, bounded by a generous real-time limit; never asserts timing.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("still not true: " + what);
            await Task.Delay(5);
        }
    }
}

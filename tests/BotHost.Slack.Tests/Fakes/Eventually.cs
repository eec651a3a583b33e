namespace BotHost.Slack.Tests.Fakes;

/// <summary>
/// Waits for a condition that another task makes true (a status change after a socket event). It only polls: no test
/// outcome depends on how long it waits, and it gives up after a generous safety limit.
/// </summary>
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

namespace BotHost.Console;

/// <summary>The web console of <c>serve</c> (configuration section <c>Console</c>; <c>Console__Enabled=true</c> turns it on).</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Off unless set: the console shows the knowledge base, previews and analytics, so an operator opts in.</summary>
    public bool Enabled { get; set; }

    /// <summary>A signed-in session ends after this long without a request (default 15 minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);
}

namespace BotHost.Console;

/// <summary>How this process hosts the console (a service so pages and middleware read one value).</summary>
/// <param name="Title">Shown in every page's header, such as "BotHost console" or "BotHost preview: ~/kb/knowledge".</param>
public sealed record ConsoleSetup(ConsoleMode Mode, string Title)
{
    public bool IsLocalPreview => Mode == ConsoleMode.LocalPreview;
}

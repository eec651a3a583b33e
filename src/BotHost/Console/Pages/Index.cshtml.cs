using Microsoft.AspNetCore.Mvc;

namespace BotHost.Console.Pages;

/// <summary><c>/console</c> opens the first page the user may see.</summary>
public sealed class IndexModel : ConsolePageModel
{
    public IActionResult OnGet() => Redirect(Session.IsAdmin ? ConsolePaths.Ask : ConsolePaths.Gaps);
}

using BotHost.Console.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BotHost.Console.Pages;

/// <summary>What every console page knows: who is signed in (the access middleware let them through) and how the console is hosted.</summary>
public abstract class ConsolePageModel : PageModel
{
    /// <summary>The signed-in user; the middleware only lets a request reach a page other than sign-in with one.</summary>
    public ConsoleSession Session => ConsoleAccessMiddleware.SessionOf(HttpContext) ?? throw new InvalidOperationException("no console session");
}

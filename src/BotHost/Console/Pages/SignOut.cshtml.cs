using BotHost.Console.Access;
using Microsoft.AspNetCore.Mvc;

namespace BotHost.Console.Pages;

/// <summary>Ends the session on the server (the cookie alone would not): a copied cookie is worthless afterwards.</summary>
public sealed class SignOutModel(ConsoleSessionStore sessions) : ConsolePageModel
{
    public IActionResult OnGet() => Redirect(ConsolePaths.Root);

    public IActionResult OnPost()
    {
        sessions.End(Session.Id);
        Response.Cookies.Delete(ConsoleAccessMiddleware.CookieName, new CookieOptions { Path = ConsolePaths.Root });
        return Redirect(ConsolePaths.SignIn);
    }
}

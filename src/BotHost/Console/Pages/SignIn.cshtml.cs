using BotHost.Console.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace BotHost.Console.Pages;

/// <summary>The sign-in form: one token field; a good token starts a session and opens the first page the user may see.</summary>
public sealed class SignInModel(ConsoleSignIn signIn, ConsoleSetup setup, IOptions<ConsoleOptions> options) : PageModel
{
    public bool Expired { get; private set; }

    public string? Problem { get; private set; }

    public int IdleMinutes => (int)options.Value.IdleTimeout.TotalMinutes;

    public IActionResult OnGet(int? expired)
    {
        if (setup.IsLocalPreview || ConsoleAccessMiddleware.SessionOf(HttpContext) is not null) return Redirect(ConsolePaths.Root);
        Expired = expired == 1;
        return Page();
    }

    public IActionResult OnPost([FromForm] string? token)
    {
        if (setup.IsLocalPreview) return Redirect(ConsolePaths.Root);
        var (session, problem) = signIn.SignIn(token);
        if (session is null)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        ConsoleAccessMiddleware.SetCookie(HttpContext, session);
        return Redirect(session.IsAdmin ? ConsolePaths.Ask : ConsolePaths.Gaps);
    }
}

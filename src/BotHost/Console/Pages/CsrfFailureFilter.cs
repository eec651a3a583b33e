using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace BotHost.Console.Pages;

/// <summary>
/// A form whose CSRF token is missing or wrong (a forged cross-site post, or a page left open past a sign-out) gets a
/// 400 page that says what happened and links back, instead of an empty 400.
/// </summary>
internal sealed class CsrfFailureFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is not IAntiforgeryValidationFailedResult) return;
        context.Result = new ContentResult
        {
            StatusCode = StatusCodes.Status400BadRequest,
            ContentType = "text/html; charset=utf-8",
            Content = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Form expired - BotHost console</title><link rel="stylesheet" href="/console/assets/console.css"></head>
                <body><main id="main"><h1>This form has expired</h1>
                <p role="alert">The form's security token was missing or did not match your session, so nothing was changed.
                Open the page again and resend the form.</p><p><a href="/console">Back to the console</a></p></main></body></html>
                """,
        };
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

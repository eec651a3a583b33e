using System.Security.Claims;

namespace BotHost.Console.Access;

/// <summary>
/// Every request under <c>/console</c>: finds the signed-in session from its cookie (restarting its idle clock), makes
/// it the request's user (so the CSRF tokens are bound to it), sends anyone signed out to the sign-in page, and keeps
/// moderators to the pages of their community. Under <c>kb preview</c> everyone is an admin and nothing is checked.
/// Sets the security headers of every console page: no scripts at all, no framing, forms post only here.
/// </summary>
public sealed class ConsoleAccessMiddleware(RequestDelegate next, ConsoleSessionStore sessions, ConsoleSetup setup)
{
    public const string CookieName = "bothost_console";

    /// <summary>Pages a moderator may open; everything else is for admins.</summary>
    private static readonly string[] ModeratorPaths = [ConsolePaths.Gaps, ConsolePaths.GapsCsv, ConsolePaths.SignOut, ConsolePaths.Root, ConsolePaths.Root + "/"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Secure(context.Response);
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.StartsWith(ConsolePaths.Assets, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var session = setup.IsLocalPreview ? LocalSession : sessions.Touch(context.Request.Cookies[CookieName]);
        if (session is not null) context.User = Principal(session);
        context.Items[typeof(ConsoleSession)] = session;

        if (path.Equals(ConsolePaths.SignIn, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        if (session is null)
        {
            var expired = context.Request.Cookies.ContainsKey(CookieName);
            if (expired) context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = ConsolePaths.Root });
            context.Response.Redirect(ConsolePaths.SignIn + (expired ? "?expired=1" : string.Empty));
            return;
        }

        if (!session.IsAdmin && !ModeratorPaths.Contains(path, StringComparer.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Moderators can open the gaps and feedback page of their own community only.\n");
            return;
        }

        await next(context);
    }

    /// <summary>The session of this request (null on the sign-in page when signed out).</summary>
    public static ConsoleSession? SessionOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(typeof(ConsoleSession), out var value) ? value as ConsoleSession : null;
    }

    /// <summary>Sets the session cookie after sign-in: HttpOnly, SameSite=Strict, Secure over HTTPS, the console's path only, no lifetime (the server ends it).</summary>
    public static void SetCookie(HttpContext context, ConsoleSession session)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        context.Response.Cookies.Append(CookieName, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = ConsolePaths.Root,
            IsEssential = true,
        });
    }

    private static readonly ConsoleSession LocalSession = new("local-preview", ConsoleRole.Admin, null, null, DateTimeOffset.UnixEpoch);

    private static ClaimsPrincipal Principal(ConsoleSession session)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, session.Id), new(ClaimTypes.Role, session.Role.ToString())];
        if (session.CommunityId is { } community) claims.Add(new Claim("community", $"{session.Platform}/{community}"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType: "BotHostConsole"));
    }

    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }
}

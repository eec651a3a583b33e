using System.Security.Cryptography;
using System.Text;

namespace BotHost.Serve.Endpoints;

/// <summary>
/// <c>Authorization: Bearer $Admin__Token</c>, compared in constant time, before the endpoint reads anything; with no
/// token configured the admin endpoints are off (every request gets 401).
/// </summary>
internal sealed class AdminTokenFilter(string? token) : IEndpointFilter
{
    private const string Prefix = "Bearer ";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return Authorized(context.HttpContext.Request) ? next(context) : ValueTask.FromResult<object?>(Results.Unauthorized());
    }

    private bool Authorized(HttpRequest request)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var header = request.Headers.Authorization.ToString();
        // The scheme is case-insensitive (RFC 7235 section 2.1: https://www.rfc-editor.org/rfc/rfc7235#section-2.1).
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Prefix.Length..]), Encoding.UTF8.GetBytes(token));
    }
}

using System.Globalization;
using System.Text.Json;
using BotHost.Discord.Wire;

namespace BotHost.Discord.Rest;

/// <summary>
/// How long a Discord 429 asks to wait (https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit):
/// <c>retry_after</c> from the JSON body (seconds with decimals), else the <c>Retry-After</c> header, else 1 s; global
/// when the body says so or <c>X-RateLimit-Global: true</c>.
/// </summary>
internal static class DiscordRetryAfter
{
    private static readonly TimeSpan WhenAbsent = TimeSpan.FromSeconds(1);

    public static async ValueTask<(TimeSpan RetryAfter, bool Global)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var global = body?.Global == true ||
            response.Headers.TryGetValues("X-RateLimit-Global", out var g) && g.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase));
        if (body is { RetryAfter: > 0 }) return (DiscordRateLimiter.Seconds(body.RetryAfter), global);
        if (response.Headers.TryGetValues("Retry-After", out var values) &&
            double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return (DiscordRateLimiter.Seconds(seconds), global);
        }

        return (WhenAbsent, global);
    }

    private static RateLimitBody? Parse(string text)
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, DiscordJsonContext.Default.RateLimitBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BotHost.Core.Pipeline;
using BotHost.Core.Telemetry;
using BotHost.Discord.Gateway;
using BotHost.Discord.Wire;
using Microsoft.Extensions.Options;

namespace BotHost.Discord.Rest;

/// <summary>
/// Discord's REST API v10, spoken directly: <c>Authorization: Bot</c> for bot routes (none for interaction callbacks
/// and interaction webhooks, whose token is in the path), the <c>DiscordBot (url, version)</c> User-Agent, JSON bodies,
/// the rate limits of <see cref="DiscordRateLimiter"/> (applied per attempt by <see cref="DiscordRateLimitHandler"/>),
/// and at most <see cref="DiscordOptions.MaxRetries"/> retries of a 429 after its exact <c>retry_after</c>
/// (<see cref="BotHost.Core.Adapters.PlatformHttpResilience"/>). Paths with an interaction token are never logged (the
/// HTTP client's own logging is removed).
/// </summary>
internal sealed class DiscordRestClient(
    IHttpClientFactory httpClients,
    IOptions<DiscordOptions> options,
    BotMetrics metrics) : IGatewayUrlSource
{
    public const string HttpClientName = "discord";

    /// <summary>Required by Discord: <c>DiscordBot ($url, $versionNumber)</c> (https://discord.com/developers/docs/reference#user-agent).</summary>
    public static readonly string UserAgent =
        $"DiscordBot (https://github.com/bothost/bothost, {typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0"})";

    public Task<CreatedMessage> CreateMessageAsync(string channelId, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", new RouteKey("POST channels/{channel.id}/messages", channelId),
            message, DiscordJsonContext.Default.MessagePayload, DiscordJsonContext.Default.CreatedMessage, bot: true, cancellationToken)!;

    /// <summary>Opens (or finds) the DM channel with <paramref name="userId"/>; returns its id.</summary>
    public async Task<string> OpenDirectMessageAsync(string userId, CancellationToken cancellationToken)
    {
        var channel = await SendAsync(HttpMethod.Post, "users/@me/channels", new RouteKey("POST users/@me/channels", string.Empty),
            new CreateDmRequest(userId), DiscordJsonContext.Default.CreateDmRequest, DiscordJsonContext.Default.ChannelResponse, bot: true, cancellationToken);
        return channel!.Id;
    }

    /// <summary>Responds to an interaction received over the gateway (<c>POST /interactions/{id}/{token}/callback</c>, 204).</summary>
    public Task InteractionCallbackAsync(string interactionId, string token, InteractionResponse response, CancellationToken cancellationToken) =>
        SendAsync<InteractionResponse, CreatedMessage>(HttpMethod.Post, $"interactions/{interactionId}/{token}/callback",
            new RouteKey("POST interactions/{interaction.id}/{interaction.token}/callback", interactionId, UsesGlobalLimit: false),
            response, DiscordJsonContext.Default.InteractionResponse, null, bot: false, cancellationToken);

    /// <summary>Edits the original response of an interaction (after a deferral): <c>PATCH /webhooks/{app}/{token}/messages/@original</c>.</summary>
    public Task EditOriginalResponseAsync(string applicationId, string token, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"webhooks/{applicationId}/{token}/messages/@original",
            new RouteKey("PATCH webhooks/{application.id}/{interaction.token}/messages/@original", applicationId + "/" + Hash(token), UsesGlobalLimit: false),
            message with { Flags = null, MessageReference = null }, DiscordJsonContext.Default.MessagePayload, DiscordJsonContext.Default.CreatedMessage, bot: false,
            cancellationToken);

    /// <summary>A follow-up message to an interaction (<c>POST /webhooks/{app}/{token}</c>); the ephemeral flag is allowed.</summary>
    public Task FollowUpAsync(string applicationId, string token, MessagePayload message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"webhooks/{applicationId}/{token}",
            new RouteKey("POST webhooks/{application.id}/{interaction.token}", applicationId + "/" + Hash(token), UsesGlobalLimit: false),
            message with { MessageReference = null }, DiscordJsonContext.Default.MessagePayload, DiscordJsonContext.Default.CreatedMessage, bot: false,
            cancellationToken);

    /// <summary>Replaces every command of the application, globally or in one guild (<c>PUT .../commands</c>).</summary>
    public async Task<IReadOnlyList<RegisteredCommand>> OverwriteCommandsAsync(string applicationId, string? guildId, List<ApplicationCommand> commands,
        CancellationToken cancellationToken)
    {
        var (path, template) = guildId is null
            ? ($"applications/{applicationId}/commands", "PUT applications/{application.id}/commands")
            : ($"applications/{applicationId}/guilds/{guildId}/commands", "PUT applications/{application.id}/guilds/{guild.id}/commands");
        var registered = await SendAsync(HttpMethod.Put, path, new RouteKey(template, guildId ?? applicationId), commands,
            DiscordJsonContext.Default.ListApplicationCommand, DiscordJsonContext.Default.ListRegisteredCommand, bot: true, cancellationToken);
        return registered ?? [];
    }

    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync<object, GatewayBotResponse>(HttpMethod.Get, "gateway/bot", new RouteKey("GET gateway/bot", string.Empty), null, null,
            DiscordJsonContext.Default.GatewayBotResponse, bot: true, cancellationToken);
        var limit = response!.SessionStartLimit ?? new SessionStartLimit { Remaining = 1, MaxConcurrency = 1 };
        return new GatewayBotInfo(new Uri(response.Url), Math.Max(1, response.Shards), limit.Remaining, TimeSpan.FromMilliseconds(limit.ResetAfter),
            Math.Max(1, limit.MaxConcurrency));
    }

    private async Task<TResponse?> SendAsync<TRequest, TResponse>(HttpMethod method, string path, RouteKey route, TRequest? body,
        JsonTypeInfo<TRequest>? requestType, JsonTypeInfo<TResponse>? responseType, bool bot, CancellationToken cancellationToken)
        where TResponse : class
    {
        var settings = options.Value;
        if (bot && !settings.HasBotToken) throw new InvalidOperationException($"Discord {route.Template} needs a bot token: set Discord__BotToken.");
        var http = httpClients.CreateClient(HttpClientName);
        using var stage = metrics.Stage(PipelineStages.PlatformCall, route.Template);
        using var request = new HttpRequestMessage(method, settings.RouteUrl(path));
        request.Options.Set(DiscordRateLimitHandler.Route, route);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (bot) request.Headers.Authorization = new AuthenticationHeaderValue("Bot", settings.BotToken);
        if (body is not null && requestType is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, requestType), Encoding.UTF8, "application/json");
        }

        // Rate limits, 429 retries and timeouts happen inside the client's handlers (AddDiscord); what comes back is final.
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var (retryAfter, _) = await DiscordRetryAfter.ReadAsync(response, cancellationToken);
            stage.Failed("rate_limited");
            throw new DiscordApiException(route.Template, response.StatusCode, null, $"rate limited for {retryAfter.TotalSeconds:0.###} s");
        }

        if (!response.IsSuccessStatusCode)
        {
            var error = TryParse(text, DiscordJsonContext.Default.ErrorBody);
            stage.Failed($"http_{(int)response.StatusCode}");
            throw new DiscordApiException(route.Template, response.StatusCode, error?.Code, error?.Message);
        }

        return responseType is null || string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, responseType);
    }

    private static T? TryParse<T>(string text, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A short stable stand-in for an interaction token in rate-limit keys, so the token itself is kept nowhere.</summary>
    private static string Hash(string token) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(token)).AsSpan(0, 8));
}

namespace BotHost.Discord.Rest;

/// <summary>
/// A route for rate limiting: the method and route template ("POST channels/{channel.id}/messages") with its major
/// parameter's value (channel, guild or webhook id), since Discord keys per-route limits by both.
/// </summary>
/// <param name="UsesGlobalLimit">False for interaction callbacks and interaction webhooks, which the global limit exempts.</param>
internal readonly record struct RouteKey(string Template, string Major, bool UsesGlobalLimit = true)
{
    public string Value => Template + " " + Major;
}

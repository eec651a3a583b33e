using System.Text;
using BotHost.Slack.Wire;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace BotHost.Slack.Events;

/// <summary>
/// Parses the <c>application/x-www-form-urlencoded</c> bodies Slack posts: slash commands (one field per value,
/// https://api.slack.com/interactivity/slash-commands) and interactions (a single <c>payload</c> field holding JSON,
/// https://api.slack.com/interactivity/handling).
/// </summary>
internal static class SlackForm
{
    public const string PayloadField = "payload";

    public static Dictionary<string, StringValues> Read(ReadOnlySpan<byte> body) => new FormReader(Encoding.UTF8.GetString(body)).ReadForm();

    public static SlashCommandPayload Parse(IReadOnlyDictionary<string, StringValues> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new SlashCommandPayload
        {
            TeamId = Field(form, "team_id"),
            TeamDomain = Field(form, "team_domain"),
            EnterpriseId = Field(form, "enterprise_id"),
            ChannelId = Field(form, "channel_id"),
            ChannelName = Field(form, "channel_name"),
            UserId = Field(form, "user_id"),
            Command = Field(form, "command"),
            Text = Field(form, "text"),
            ApiAppId = Field(form, "api_app_id"),
            ResponseUrl = Field(form, "response_url"),
            TriggerId = Field(form, "trigger_id"),
        };
    }

    /// <summary>
    /// True for Slack's unsigned SSL health check: bolt-js (https://github.com/slackapi/bolt-js) bypasses verification only when <c>ssl_check</c> is exactly
    /// "1" (CHANGELOG "Require exact ssl_check=1 value").
    /// </summary>
    public static bool IsSslCheck(IReadOnlyDictionary<string, StringValues> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.TryGetValue("ssl_check", out var value) && value.Count == 1 && value[0] == "1";
    }

    private static string? Field(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;
}

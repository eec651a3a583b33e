namespace BotHost.Slack.Api;

/// <summary>
/// What an admin should do about a Web API error code (chat.postMessage, chat.postEphemeral, conversations.open and
/// auth.test error enums in specs/slack/web-api; apps.connections.open from its docs page). Unknown codes are named
/// as they are.
/// </summary>
internal static class SlackApiErrors
{
    /// <summary>The token this call needs is not set.</summary>
    public const string NotConfigured = "not_configured";

    /// <summary>Still rate limited after the allowed retries, or asked to wait longer than allowed.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>No HTTP answer: network error or timeout.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>A response_url that is not Slack's: never called.</summary>
    public const string ForeignResponseUrl = "foreign_response_url";

    /// <summary>An answer that is not Slack's JSON.</summary>
    public const string InvalidResponse = "invalid_response";

    private static readonly Dictionary<string, string> Advice = new(StringComparer.Ordinal)
    {
        ["not_in_channel"] = "the bot is not a member of this channel: invite it with /invite @BotHost in that channel",
        ["channel_not_found"] = "the channel does not exist or the bot cannot see it: invite the bot to the channel, or check the channel id",
        ["is_archived"] = "the channel is archived",
        ["user_not_in_channel"] = "the member is no longer in the channel, so a private reply there is impossible",
        ["invalid_auth"] = "Slack rejected the token: check Slack__BotToken (or Slack__AppToken for Socket Mode) and reinstall the app if it was rotated",
        ["not_authed"] = "no token reached Slack: set Slack__BotToken (or Slack__AppToken for Socket Mode)",
        ["token_revoked"] = "the token was revoked (the app was uninstalled?): reinstall the app and update Slack__BotToken",
        ["account_inactive"] = "the bot's account is deactivated: reinstall the app",
        ["missing_scope"] = "the app lacks a scope: add it from `bothost slack manifest` and reinstall the app",
        ["not_allowed_token_type"] = "wrong kind of token: Slack__BotToken must be xoxb-…, Slack__AppToken must be xapp-…",
        ["invalid_blocks"] = "Slack rejected the message's blocks; the reply is sent again as plain text",
        ["msg_too_long"] = "the message is too long for Slack",
        ["restricted_action"] = "a workspace setting stops the bot from posting here",
        ["cannot_dm_bot"] = "the member is a bot",
        ["user_disabled"] = "the member's account is deactivated",
        ["ratelimited"] = "Slack is rate limiting this method",
        [ForeignResponseUrl] = "the command's response_url is not on hooks.slack.com, so nothing was sent to it",
        [RateLimited] = "Slack kept rate limiting this method; the call was given up after the configured retries",
        [NotConfigured] = "the token for this call is not configured",
        [Unreachable] = "Slack could not be reached (network or timeout)",
        [InvalidResponse] = "the answer was not Slack's JSON: check Slack__ApiBaseUrl",
    };

    /// <summary>One line for the log; names the setting to fix when a token was rejected.</summary>
    public static string Describe(string error, SlackTokenKind? token = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (IsFatalAuth(error) && token is { } kind)
        {
            return $"Slack rejected {Setting(kind)} ({error}): check the setting, and reinstall the app if the token was rotated or revoked";
        }

        return Advice.TryGetValue(error, out var advice) ? advice : "see https://docs.slack.dev/reference/methods for this error code";
    }

    /// <summary>The environment setting that holds a token.</summary>
    public static string Setting(SlackTokenKind kind) => kind == SlackTokenKind.Bot ? "Slack__BotToken" : "Slack__AppToken";

    /// <summary>Errors after which retrying with the same token can never succeed.</summary>
    public static bool IsFatalAuth(string? error) => error is "invalid_auth" or "not_authed" or "token_revoked" or "account_inactive" or "not_allowed_token_type";
}

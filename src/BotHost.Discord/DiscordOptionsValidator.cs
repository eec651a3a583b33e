using BotHost.Discord.Interactions;
using Microsoft.Extensions.Options;

namespace BotHost.Discord;

/// <summary>Checks the Discord settings at start-up; each failure is one line naming the setting (never a secret's value).</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.InteractionsEnabled && DiscordSignatureVerifier.TryHex(options.PublicKey, 32) is null)
        {
            problems.Add("Discord__PublicKey: must be the application's public key, 64 hexadecimal digits (Developer Portal, General Information)");
        }

        if (options.ApplicationId is { } id && !(id.Length is >= 17 and <= 20 && id.All(char.IsAsciiDigit)))
        {
            problems.Add("Discord__ApplicationId: must be the application's id, 17 to 20 digits");
        }

        if (options.BotToken is { } token && (token.Length < 20 || token.Any(char.IsWhiteSpace)))
        {
            problems.Add("Discord__BotToken: does not look like a bot token (copy it from the Developer Portal's Bot page, without the \"Bot \" prefix)");
        }

        if (options.ShardCount < 1) problems.Add("Discord__ShardCount: must be 1 or more");
        if (options.ShardId < 0 || options.ShardId >= Math.Max(1, options.ShardCount)) problems.Add("Discord__ShardId: must be between 0 and Discord__ShardCount - 1");
        var url = options.ApiBaseUrl;
        if (!url.IsAbsoluteUri || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            problems.Add("Discord__ApiBaseUrl: must be an https URL (plain http only for loopback test servers)");
        }

        if (options.InlineDeadline <= TimeSpan.Zero || options.InlineDeadline >= TimeSpan.FromSeconds(3))
        {
            problems.Add("Discord__InlineDeadline: must be above zero and under 3 seconds (Discord's deadline for the first response)");
        }

        if (options.MaxRetries < 0) problems.Add("Discord__MaxRetries: must be 0 or more");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

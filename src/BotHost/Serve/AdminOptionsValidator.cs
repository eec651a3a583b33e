using System.Globalization;
using Microsoft.Extensions.Options;

namespace BotHost.Serve;

/// <summary>Checks <see cref="AdminOptions"/> on start. The message never contains the token, not even its length.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public const string Setting = "Admin__Token";

    /// <summary>Short enough to type, long enough that guessing it over HTTP is hopeless.</summary>
    public const int MinTokenLength = 16;

    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.Token) || options.Token.Length >= MinTokenLength) return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
            $"{Setting}: is too short; use at least {MinTokenLength} characters (for example the output of 'openssl rand -hex 32'), or leave it unset to turn the admin endpoints off"));
    }
}

using Microsoft.Extensions.Options;

namespace BotHost.Console;

/// <summary>Checks <see cref="ConsoleOptions"/> on start, one line per problem naming the setting.</summary>
internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IdleTimeout > TimeSpan.Zero && options.IdleTimeout <= TimeSpan.FromHours(12)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Console__IdleTimeout: must be more than zero and at most 12:00:00 (hh:mm:ss), not {options.IdleTimeout}");
    }
}

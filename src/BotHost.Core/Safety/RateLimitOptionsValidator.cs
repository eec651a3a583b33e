using System.Globalization;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Safety;

/// <summary>Checks <see cref="RateLimitOptions"/> on start: a negative limit is a mistake, 0 turns the limit off.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public const string Setting = "Safety__QuestionsPerMinute";

    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.QuestionsPerMinute < 0
            ? ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture, $"{Setting}: must be 0 (no limit) or more, not {options.QuestionsPerMinute}"))
            : ValidateOptionsResult.Success;
    }
}

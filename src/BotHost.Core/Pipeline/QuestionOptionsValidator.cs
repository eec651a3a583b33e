using System.Globalization;
using Microsoft.Extensions.Options;

namespace BotHost.Core.Pipeline;

/// <summary>Checks <see cref="QuestionOptions"/> on start.</summary>
internal sealed class QuestionOptionsValidator : IValidateOptions<QuestionOptions>
{
    public const string Setting = "Questions__MaxLength";

    /// <summary>Below this a real question would be cut off.</summary>
    public const int Smallest = 100;

    public ValidateOptionsResult Validate(string? name, QuestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxLength < Smallest
            ? ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture, $"{Setting}: must be {Smallest} or more, not {options.MaxLength}"))
            : ValidateOptionsResult.Success;
    }
}

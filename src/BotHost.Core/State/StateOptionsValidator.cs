using System.Globalization;
using Microsoft.Extensions.Options;

namespace BotHost.Core.State;

/// <summary>Checks <see cref="StateOptions"/> on start, one line per problem naming the setting.</summary>
internal sealed class StateOptionsValidator : IValidateOptions<StateOptions>
{
    public ValidateOptionsResult Validate(string? name, StateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [];
        if (options.EmbeddedCapacity < 100)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"State__EmbeddedCapacity: must be at least 100, not {options.EmbeddedCapacity}"));
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Any(char.IsWhiteSpace))
        {
            problems.Add("State__KeyPrefix: must be a non-empty prefix without spaces, such as bothost:");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

using Microsoft.Extensions.Options;

namespace BotHost.Core.State;

/// <summary>Checks <see cref="StateOptions"/> on start; errors name the environment variable to fix, never the salt.</summary>
internal sealed class StateOptionsValidator : IValidateOptions<StateOptions>
{
    public const int MinimumSaltLength = 16;

    public ValidateOptionsResult Validate(string? name, StateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.DeduplicationCapacity < 100) failures.Add("State__DeduplicationCapacity: must be at least 100");
        if (options.MemberKeySalt is { } salt && salt.Trim().Length < MinimumSaltLength)
        {
            failures.Add($"State__MemberKeySalt: must be at least {MinimumSaltLength} characters (or unset for a random one per process)");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Any(char.IsWhiteSpace))
        {
            failures.Add("State__KeyPrefix: must be a non-empty prefix without spaces, such as bothost:");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using Microsoft.Extensions.Options;

namespace BotHost.Core.Adapters;

/// <summary>Checks <see cref="ReplyQueueOptions"/> on start; errors name the environment variable to fix.</summary>
internal sealed class ReplyQueueOptionsValidator : IValidateOptions<ReplyQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, ReplyQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.Capacity < 1) failures.Add("ReplyQueue__Capacity: must be at least 1");
        if (options.Workers is < 1 or > 64) failures.Add("ReplyQueue__Workers: must be between 1 and 64");
        if (options.DrainTimeout <= TimeSpan.Zero) failures.Add("ReplyQueue__DrainTimeout: must be positive (a TimeSpan such as 00:00:20)");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

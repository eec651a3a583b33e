using Microsoft.Extensions.Options;

namespace BotHost.Core.Analytics;

/// <summary>
/// Checks on start that the analytics database can be created where <see cref="AnalyticsOptions.DatabasePath"/> says, so a
/// typo stops start-up with one line instead of failing on the first recorded reply. Creates the folder if it is missing
/// (the store would create it on first use anyway).
/// </summary>
internal sealed class AnalyticsOptionsValidator : IValidateOptions<AnalyticsOptions>
{
    public const string Setting = "Analytics__DatabasePath";

    public ValidateOptionsResult Validate(string? name, AnalyticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Problem(options.DatabasePath) is { } problem ? ValidateOptionsResult.Fail($"{Setting}: {problem}") : ValidateOptionsResult.Success;
    }

    private static string? Problem(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "is empty; give a file path such as data/bothost-analytics.db";
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{path}' is not a valid file path ({ex.Message})";
        }

        if (Directory.Exists(full)) return $"'{path}' is a folder; give a file path inside it, such as {Path.Combine(path, "bothost-analytics.db")}";
        var folder = Path.GetDirectoryName(full);
        if (string.IsNullOrEmpty(folder) || Directory.Exists(folder)) return null;
        try
        {
            Directory.CreateDirectory(folder);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"the folder '{folder}' does not exist and cannot be created ({ex.Message})";
        }
    }
}

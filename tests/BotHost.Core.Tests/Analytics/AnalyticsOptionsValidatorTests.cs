using BotHost.Core.Analytics;

namespace BotHost.Core.Tests.Analytics;

public sealed class AnalyticsOptionsValidatorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "bothost-analytics-" + Guid.NewGuid().ToString("N")[..12]);

    private static string? Validate(string path) =>
        new AnalyticsOptionsValidator().Validate(null, new AnalyticsOptions { DatabasePath = path }).FailureMessage;

    [Fact]
    public void Validate_MissingFolderThatCanBeCreated_CreatesItAndSucceeds()
    {
        var path = Path.Combine(_root, "data", "analytics.db");

        var failure = Validate(path);

        Assert.Null(failure);
        Assert.True(Directory.Exists(Path.Combine(_root, "data")));
    }

    [Fact]
    public void Validate_PathIsAFolder_SaysToNameAFile()
    {
        Directory.CreateDirectory(_root);

        var failure = Validate(_root);

        Assert.StartsWith($"Analytics__DatabasePath: '{_root}' is a folder", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FolderUnderAFile_CannotBeCreated()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "plain.txt");
        File.WriteAllText(file, "x");

        var failure = Validate(Path.Combine(file, "analytics.db"));

        Assert.StartsWith($"Analytics__DatabasePath: the folder '{file}' does not exist and cannot be created", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_Empty_IsAProblem(string path)
    {
        var failure = Validate(path);

        Assert.StartsWith("Analytics__DatabasePath: is empty", failure, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}

using BotHost.Knowledge.Validation;

namespace BotHost.Knowledge.Tests.Validation;

/// <summary>Runs every folder of Fixtures/kb-check and compares what <c>kb check</c> reports with its expected.txt.</summary>
public sealed class KbCheckFixtureTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "kb-check");

    public static TheoryData<string> Cases() => [.. Directory.GetDirectories(Root).Select(Path.GetFileName).Order().Cast<string>()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_FixtureFolder_ReportsExactlyTheExpectedDiagnostics(string name)
    {
        var folder = Path.Combine(Root, name);
        var expected = File.ReadAllLines(Path.Combine(folder, "expected.txt")).Where(l => l.Length > 0).ToList();

        var (_, diagnostics) = KnowledgeLoader.Load(folder, Today);

        var actual = diagnostics.Select(d => d.ToString().Replace(folder.Replace('\\', '/'), "KB", StringComparison.Ordinal)).ToList();
        Assert.True(expected.SequenceEqual(actual), $"expected:\n{string.Join('\n', expected)}\nactual:\n{string.Join('\n', actual)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_FixtureFolder_SucceedsOnlyWithoutErrors(string name)
    {
        var folder = Path.Combine(Root, name);
        var expectsError = File.ReadAllLines(Path.Combine(folder, "expected.txt")).Any(l => l.Contains(": error: ", StringComparison.Ordinal));

        var (snapshot, diagnostics) = KnowledgeLoader.Load(folder, Today);

        Assert.Equal(expectsError, snapshot is null);
        Assert.Equal(expectsError, diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error));
    }
}

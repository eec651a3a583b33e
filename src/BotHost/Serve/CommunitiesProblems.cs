using System.Globalization;

namespace BotHost.Serve;

/// <summary>
/// Every problem found in a communities file, one line each in the form operators know from compilers:
/// <c>communities.yaml:7: region: 'USA' is not a known region (...)</c>.
/// </summary>
internal sealed class CommunitiesProblems(string file)
{
    private readonly List<string> _items = [];

    public IReadOnlyList<string> Items => _items;

    /// <summary>A problem with one field, named so the operator knows what to change.</summary>
    public void Field(int line, string field, string message) =>
        _items.Add(string.Create(CultureInfo.InvariantCulture, $"{file}:{line}: {field}: {message}"));

    /// <summary>A problem with the file as a whole (unreadable, not YAML, wrong shape).</summary>
    public void File(int line, string message) =>
        _items.Add(string.Create(CultureInfo.InvariantCulture, $"{file}:{line}: {message}"));
}

using BotHost.Testing;

namespace BotHost.Browser.Tests;

/// <summary>A copy of the shipped knowledge folder in a temporary folder, so a test can break an article without touching the repository.</summary>
public sealed class KnowledgeCopy : IDisposable
{
    public KnowledgeCopy()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bothost-console-{Guid.NewGuid():N}");
        Path = System.IO.Path.Combine(Root, "knowledge");
        foreach (var file in Directory.GetFiles(RepositoryPaths.Knowledge, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(RepositoryPaths.Knowledge, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Root { get; }

    public string Path { get; }

    public string PathOf(string relative) => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // The server may still hold the analytics file open for a moment; the temporary folder is cleaned by the OS.
        }
    }
}

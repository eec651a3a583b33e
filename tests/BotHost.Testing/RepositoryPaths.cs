namespace BotHost.Testing;

/// <summary>Finds the repository root (where BotHost.sln is) and the shared material beside it, from any test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "BotHost.sln"))) return dir.FullName;
            }

            throw new DirectoryNotFoundException("BotHost.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The shipped knowledge folder.</summary>
    public static string Knowledge => Path.Combine(Root, "knowledge");

    /// <summary>../shared beside the checkout (CI places it there); tests that need it fail with a clear message if it is missing.</summary>
    public static string Shared
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(shared) ? shared : throw new DirectoryNotFoundException($"the shared material is expected beside the repository at {shared}");
        }
    }
}

namespace BotHost.Benchmarks;

/// <summary>Finds the repository's knowledge folder from wherever BenchmarkDotNet runs the build.</summary>
internal static class RepositoryPaths
{
    public static string Knowledge()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "knowledge");
            if (Directory.Exists(Path.Combine(candidate, "articles")) && File.Exists(Path.Combine(dir.FullName, "BotHost.sln"))) return candidate;
        }

        throw new DirectoryNotFoundException("Run the benchmarks from inside the BotHost repository (knowledge/ not found).");
    }
}

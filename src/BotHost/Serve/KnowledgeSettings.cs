using System.Globalization;
using BotHost.Knowledge;
using BotHost.Knowledge.Semantics;

namespace BotHost.Serve;

/// <summary>
/// The <see cref="KnowledgeOptions"/> that <c>serve</c> reads from configuration (section <c>Knowledge</c>):
/// <c>Knowledge__AnswerCacheSize</c> (answers kept for repeated questions per knowledge version; 0 turns the cache
/// off), <c>Knowledge__MaxSources</c>, <c>Knowledge__MaxHotlines</c> and <c>Knowledge__ArticleBaseUrl</c>. The
/// confidence thresholds are not settings: they are fitted with <c>kb eval --calibrate</c> and belong with the model.
/// A value that does not parse, or is out of range, is a start-up problem named by its setting, never a guess.
/// </summary>
public static class KnowledgeSettings
{
    public const string AnswerCacheSize = "Knowledge:AnswerCacheSize";

    public const string MaxSources = "Knowledge:MaxSources";

    public const string MaxHotlines = "Knowledge:MaxHotlines";

    public const string ArticleBaseUrl = "Knowledge:ArticleBaseUrl";

    /// <summary>The options for the folder at <paramref name="path"/>, or the problems (one line each) that stop start-up.</summary>
    public static (KnowledgeOptions Options, IReadOnlyList<string> Problems) Read(IConfiguration configuration, string path, KnowledgeEmbedder? embedder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new KnowledgeOptions();
        var problems = new List<string>();
        var options = new KnowledgeOptions
        {
            Path = path,
            Embedder = embedder,
            AnswerCacheSize = Count(configuration, AnswerCacheSize, defaults.AnswerCacheSize, minimum: 0, problems),
            MaxSources = Count(configuration, MaxSources, defaults.MaxSources, minimum: 1, problems),
            MaxHotlines = Count(configuration, MaxHotlines, defaults.MaxHotlines, minimum: 1, problems),
            ArticleBaseUrl = BaseUrl(configuration, problems),
        };
        return (options, problems);
    }

    /// <summary>A whole number at least <paramref name="minimum"/>; the default when unset.</summary>
    private static int Count(IConfiguration configuration, string key, int fallback, int minimum, List<string> problems)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= minimum) return number;
        problems.Add($"{Name(key)}: '{value}' is not a whole number of at least {minimum}");
        return fallback;
    }

    /// <summary>An absolute http(s) address for deep links to the articles; ends in '/' so article paths go under it.</summary>
    private static Uri? BaseUrl(IConfiguration configuration, List<string> problems)
    {
        var value = configuration[ArticleBaseUrl];
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        }

        problems.Add($"{Name(ArticleBaseUrl)}: '{value}' is not an absolute http or https address");
        return null;
    }

    /// <summary>The setting as an environment variable names it (<c>Knowledge__AnswerCacheSize</c>).</summary>
    private static string Name(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}

namespace BotHost.Knowledge.Articles;

/// <summary>The files an article's sources name, read while the knowledge folder is loaded.</summary>
/// <param name="ReadDocument">Text of a file relative to the knowledge folder (a <c>document:</c> source), or null when it does not exist.</param>
/// <param name="CopyExists">
/// Whether a stored copy (relative to the knowledge folder's parent, e.g. <c>../shared/sources/001_x.txt</c>) exists, or null
/// when its folder is absent, as in a deployed knowledge folder.
/// </param>
internal sealed record SourceFiles(Func<string, string?> ReadDocument, Func<string, bool?> CopyExists);

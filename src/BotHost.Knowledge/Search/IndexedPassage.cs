namespace BotHost.Knowledge.Search;

/// <summary>
/// One row of the index: a section's heading and text, plus its article's title, questions, tags and summary as
/// separately weighted columns.
/// </summary>
public sealed record IndexedPassage(string Title, string Questions, string Tags, string Summary, string Heading, string Body);

namespace BotHost.Knowledge.Hotlines;

/// <summary>A text (SMS) line: the number to text and, where the service asks for one, the keyword.</summary>
public sealed record HotlineSms(string Number, string? Keyword);

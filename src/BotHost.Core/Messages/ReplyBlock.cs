using System.Text.Json.Serialization;
using BotHost.Knowledge.Answers;
using BotHost.Knowledge.Hotlines;

namespace BotHost.Core.Messages;

/// <summary>One part of a reply. Renderers turn each kind into the platform's form (embeds, Block Kit, text).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "text")]
[JsonDerivedType(typeof(PassageBlock), "passage")]
[JsonDerivedType(typeof(HotlinesBlock), "hotlines")]
[JsonDerivedType(typeof(StepsBlock), "steps")]
public abstract record ReplyBlock;

/// <summary>A line in the bot's own fixed wording (never a fact about the world, never member text).</summary>
public sealed record TextBlock(string Text) : ReplyBlock;

/// <summary>A quoted passage of a vetted article with its title, section and sources.</summary>
public sealed record PassageBlock(AnswerPassage Passage) : ReplyBlock;

/// <summary>Services to contact, from the hotline directory.</summary>
public sealed record HotlinesBlock(string Title, IReadOnlyList<Hotline> Hotlines) : ReplyBlock;

/// <summary>Short numbered steps quoted from reviewed knowledge (urgent help).</summary>
public sealed record StepsBlock(string Title, IReadOnlyList<string> Steps) : ReplyBlock;

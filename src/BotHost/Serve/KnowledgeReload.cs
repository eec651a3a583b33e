using BotHost.Knowledge.Validation;

namespace BotHost.Serve;

/// <summary>One reload of the knowledge folder and how it ended.</summary>
/// <param name="Version">The version serving after it: the new one when accepted, the kept one when rejected.</param>
/// <param name="Diagnostics">Everything the load reported: the errors that kept a rejected version out, or the new version's warnings.</param>
public sealed record KnowledgeReload(DateTimeOffset At, bool Accepted, string Version, IReadOnlyList<Diagnostic> Diagnostics);

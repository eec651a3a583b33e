namespace BotHost.Knowledge.Coverage;

/// <summary>One column of the coverage matrix.</summary>
/// <param name="Code">ISO country code, <c>EU</c> or <c>INTL</c>.</param>
/// <param name="Names">Words a section heading uses for the region, matched as whole words; a name in capitals ("UK") only with its case.</param>
/// <param name="Line">Line of the region in coverage.yaml.</param>
public sealed record CoverageRegion(string Code, IReadOnlyList<string> Names, int Line);

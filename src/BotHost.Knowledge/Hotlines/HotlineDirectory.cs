namespace BotHost.Knowledge.Hotlines;

/// <summary>The hotline directory, in file order, with the lookups replies need.</summary>
public sealed class HotlineDirectory
{
    private readonly Dictionary<string, Hotline> _byId;

    public HotlineDirectory(IEnumerable<Hotline> hotlines)
    {
        ArgumentNullException.ThrowIfNull(hotlines);
        All = [.. hotlines];
        _byId = All.GroupBy(h => h.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public static HotlineDirectory Empty { get; } = new([]);

    public IReadOnlyList<Hotline> All { get; }

    public bool TryGet(string id, out Hotline hotline) => _byId.TryGetValue(id, out hotline!);

    /// <summary>The given hotlines, in the given order, that serve <paramref name="region"/> (international ones always do).</summary>
    public IReadOnlyList<Hotline> Select(IEnumerable<string> ids, string region)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return [.. ids.Select(id => _byId.GetValueOrDefault(id)).OfType<Hotline>().Where(h => h.AppliesTo(region)).Distinct()];
    }

    /// <summary>Every service for <paramref name="region"/>: the region's own first, then international ones.</summary>
    public IReadOnlyList<Hotline> ForRegion(string region) => RegionFirst(All.Where(h => h.AppliesTo(region)), region);

    /// <summary>General help for a declined question: the region's main services, then international ones.</summary>
    public IReadOnlyList<Hotline> General(string region) => RegionFirst(All.Where(h => h.General && h.AppliesTo(region)), region);

    /// <summary>The region's emergency number(s); empty when the directory has no verified one for it.</summary>
    public IReadOnlyList<Hotline> Emergency(string region) =>
        [.. All.Where(h => h.Emergency && string.Equals(h.Region, region, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Regions that have at least one service of their own, for help texts ("try /hotlines GB").</summary>
    public IReadOnlyList<string> Regions() =>
        [.. All.Select(h => h.Region).Where(r => r != RegionCode.International).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static List<Hotline> RegionFirst(IEnumerable<Hotline> hotlines, string region) =>
        [.. hotlines.OrderBy(h => string.Equals(h.Region, region, StringComparison.OrdinalIgnoreCase) ? 0 : 1)];
}

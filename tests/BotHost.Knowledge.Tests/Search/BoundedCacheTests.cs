using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class BoundedCacheTests
{
    [Fact]
    public void Add_100000DistinctKeys_NeverHoldsMoreThanTheCapacity()
    {
        var cache = new BoundedCache<UInt128, int>(1_000);
        var most = 0;

        for (var i = 0; i < 100_000; i++)
        {
            cache.Add(MessageKey.Of($"member message number {i}"), i);
            most = Math.Max(most, cache.Count);
        }

        Assert.True(most <= 1_000, $"held {most}");
        Assert.True(cache.TryGet(MessageKey.Of("member message number 99999"), out var last));
        Assert.Equal(99_999, last);
        Assert.False(cache.TryGet(MessageKey.Of("member message number 0"), out _));
    }

    [Fact]
    public void TryGet_KeyUsedOftenAmongManyOthers_StaysCached()
    {
        var cache = new BoundedCache<int, string>(100);
        cache.Add(-1, "kept");

        for (var i = 0; i < 10_000; i++)
        {
            cache.Add(i, "other");
            if (i % 40 == 0) Assert.True(cache.TryGet(-1, out _), $"lost after {i} others");
        }

        Assert.True(cache.TryGet(-1, out var value));
        Assert.Equal("kept", value);
    }

    [Fact]
    public void Of_SameWordsInOtherCaseAndSpacing_GivesTheSameKey()
    {
        Assert.Equal(MessageKey.Of("How do I  report\tthis?"), MessageKey.Of(" how do i report this? "));
    }

    [Fact]
    public void Of_OtherWordsOrPunctuation_GivesAnotherKey()
    {
        Assert.NotEqual(MessageKey.Of("how do i report this"), MessageKey.Of("how do i report that"));
        Assert.NotEqual(MessageKey.Of("how do i report this"), MessageKey.Of("how do i report this?"));
    }

    [Fact]
    public void Exact_SameWordsInOtherCaseOrSpacing_GivesAnotherKey()
    {
        Assert.NotEqual(MessageKey.Exact("HELP me"), MessageKey.Exact("help me"));
        Assert.NotEqual(MessageKey.Exact("help  me"), MessageKey.Exact("help me"));
        Assert.Equal(MessageKey.Exact("help me"), MessageKey.Exact("help me"));
    }

    [Fact]
    public void Exact_FoldedText_SameKeyAsOf()
    {
        Assert.Equal(MessageKey.Of("  How do I  Report "), MessageKey.Exact("how do i report"));
    }
}

using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Shipped;

/// <summary>
/// Issue #13 item 6: a word that is a real word is never "corrected" into another one ("someone is stalking me" read as
/// "talking"), and the urgent check reads the message as written. Messages written for these tests.
/// </summary>
public sealed partial class ShippedKnowledgeTests
{
    [Theory]
    [InlineData("someone is stalking me online and knows where i live", "stalking")]
    [InlineData("my ex stalked me for months and now he found my new account", "stalked")]
    [InlineData("theres a stalker messaging my daughter from new accounts", "stalker")]
    [InlineData("a man groped me on the bus and now he follows me on insta", "groped")]
    public void Search_RealWordCloseToAnArticleWord_IsNotCorrected(string question, string word)
    {
        using var knowledge = KnowledgeBase.Build(Snapshot.Value, new KnowledgeOptions(), new FakeTimeProvider(TestClock.Start));

        var corrections = knowledge.Search(question, "INTL").Query.Corrections;

        Assert.DoesNotContain(corrections, c => c.Typed == word);
    }

    [Fact]
    public void ClassifyUrgent_StalkingWithAThreatToSafety_IsStalkingDoxxing() =>
        Assert.Equal("stalking-doxxing", Snapshot.Value.Safety.ClassifyUrgent("someone is stalking me online and knows where i live")?.Id);
}

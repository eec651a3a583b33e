using BotHost.Knowledge.Safety;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>The stance classifier on short messages written for these tests (not the example or eval files).</summary>
public sealed class StanceClassifierTests
{
    private static readonly string[] Requests = StanceMessages.Requests;

    private static readonly string[] Protective = StanceMessages.Protective;

    /// <summary>Every message gets the same vector, so only the words can tell the stances apart.</summary>
    private static StanceClassifier Trained(StanceClassifier.Settings? settings = null)
    {
        string[] texts = [.. Requests, .. Protective];
        var vectors = texts.Select(_ => new[] { 0.6f, 0.8f }).ToList();
        return StanceClassifier.Train(texts, vectors, [.. texts.Select((_, i) => i < Requests.Length)], settings ?? new StanceClassifier.Settings());
    }

    [Fact]
    public void Score_UnseenRequestAndProtectiveQuestionOnOneTopic_RequestScoresHigher()
    {
        var model = Trained();

        var request = model.Score("send me pics of a teen", [0.6f, 0.8f]);
        var protective = model.Score("my daughter got sent pics, how do i report it", [0.6f, 0.8f]);

        Assert.True(request > 0.5, $"request {request}");
        Assert.True(protective < 0.5, $"protective {protective}");
    }

    [Fact]
    public void Score_ProtectiveWeight_LowersTheRequestSideForAnAmbiguousMessage()
    {
        var even = Trained(new StanceClassifier.Settings(ProtectiveWeight: 1f));
        var careful = Trained(new StanceClassifier.Settings(ProtectiveWeight: 4f));

        Assert.True(careful.Score("pics of kids", [0.6f, 0.8f]) < even.Score("pics of kids", [0.6f, 0.8f]));
    }

    [Fact]
    public void Read_WrittenModel_ScoresEveryMessageTheSame()
    {
        var model = Trained();
        var read = BinaryRoundTrip.Of(model.Write, StanceClassifier.Read);

        Assert.Equal(model.Terms, read.Terms);
        foreach (var text in Requests.Concat(Protective).Append("a message with no known word"))
        {
            Assert.Equal(model.Score(text, [0.6f, 0.8f]), read.Score(text, [0.6f, 0.8f]));
        }
    }

    [Fact]
    public void Read_WrittenModelWithWordClasses_ReadsClassesAndScoresTheSame()
    {
        var model = Trained(new StanceClassifier.Settings(Classes: true));
        var read = BinaryRoundTrip.Of(model.Write, StanceClassifier.Read);

        Assert.True(read.ReadsClasses);
        foreach (var text in Requests.Concat(Protective).Append("how do i get a 16 year old to meet me"))
        {
            Assert.Equal(model.Score(text, [0.6f, 0.8f]), read.Score(text, [0.6f, 0.8f]));
        }
    }

    [Fact]
    public void TermsOf_WithClasses_AddsClassTermsToTheWords()
    {
        var plain = StanceClassifier.TermsOf("send me pics of a 14 year old");
        var classed = StanceClassifier.TermsOf("send me pics of a 14 year old", classes: true);

        Assert.DoesNotContain("=age-minor", plain);
        Assert.Contains("=age-minor", classed);
        Assert.Subset(classed.ToHashSet(StringComparer.Ordinal), plain.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void TermsOf_ClassesWithoutWords_KeepsClassTermsAndOpeningOnly()
    {
        var terms = StanceClassifier.TermsOf("send me pics of a 14 year old", classes: true, words: false);

        Assert.Contains("=age-minor", terms);
        Assert.Contains("^ send", terms);
        Assert.DoesNotContain("pics", terms);
    }

    [Fact]
    public void Read_Garbage_ThrowsInvalidData()
    {
        using var stream = new MemoryStream([0, 0, 0, 0, 255, 255, 255, 255]);
        using var reader = new BinaryReader(stream);

        Assert.Throws<InvalidDataException>(() => StanceClassifier.Read(reader));
    }

    [Fact]
    public void TermsOf_Message_HasWordsPairsAndOpeningOnce()
    {
        var terms = StanceClassifier.TermsOf("Send me, send me pics");

        Assert.Contains("send", terms);
        Assert.Contains("send me", terms);
        Assert.Contains("me pics", terms);
        Assert.Contains("^ send", terms);
        Assert.Contains("^ send me", terms);
        Assert.Equal(terms.Count, terms.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Score_VectorOfAnotherLength_Throws()
    {
        var model = Trained();

        Assert.Throws<ArgumentException>(() => model.Score("send me pics", [1f, 0f, 0f]));
    }
}

using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class QueryAnalyzerTests
{
    private static readonly SynonymSet Synonyms = new(
    [
        ["csam", "child porn", "cp", "child sexual abuse material"],
        ["nudes", "pics", "pix", "intimate images"],
    ]);

    private static readonly Dictionary<string, int> Surface = new()
    {
        ["sextortion"] = 5,
        ["threatening"] = 3,
        ["report"] = 9,
        ["csam"] = 4,
        ["nudes"] = 2,
        ["intimate"] = 2,
        ["images"] = 6,
        ["share"] = 4,
        ["pay"] = 3,
        ["child"] = 5,
        ["sexual"] = 3,
        ["abuse"] = 5,
        ["material"] = 2,
    };

    private static readonly Dictionary<string, int> Vocabulary = Surface.Keys.ToDictionary(w => LuceneAnalysis.Stem(w), _ => 1);

    [Fact]
    public void Analyze_MultiWordSynonym_BecomesOneConceptWithAllAlternatives()
    {
        var query = Analyzer(SearchFeatures.All).Analyze("how do i report child porn");

        var concept = Assert.Single(query.Concepts, c => c.Typed == "child porn");
        Assert.Contains(concept.Alternatives, p => p.ToString() == "csam");
        Assert.Contains(concept.Alternatives, p => p.ToString() == "child sexual abuse material");
        Assert.Contains("csam", Searched(query));
        Assert.DoesNotContain("porn", Searched(query));
    }

    [Fact]
    public void Analyze_Typo_IsCorrectedAndReported()
    {
        var query = Analyzer(SearchFeatures.All).Analyze("sum1 threatnin me sextorshun");

        Assert.Contains(new SpellingCorrection("threatnin", "threatening"), query.Corrections);
        Assert.Contains(query.Concepts, c => c.Typed == "threatening");
        Assert.DoesNotContain(query.Concepts, c => c.Typed is "sum1" or "someone");
    }

    [Fact]
    public void Analyze_ChatNoise_DoesNotBecomeConcepts()
    {
        var query = Analyzer(SearchFeatures.All).Analyze("pls u guys wat do i do 😭😭 im so scared lol");

        Assert.Equal(["scared"], query.Concepts.Select(c => c.Typed));
    }

    [Fact]
    public void Analyze_FeaturesOff_KeepsWordsAsTyped()
    {
        var query = Analyzer(SearchFeatures.None).Analyze("threatnin pix");

        Assert.Equal(["threatnin", "pix"], query.Concepts.Select(c => c.Typed));
        Assert.Empty(query.Corrections);
        Assert.All(query.Concepts, c => Assert.False(c.Known));
        Assert.Equal(["threatnin", "pix"], Searched(query));
    }

    [Fact]
    public void Analyze_ChatAndMisspeltWords_WordsKeepEveryWordAsTyped()
    {
        var query = Analyzer(SearchFeatures.All).Analyze("sum1 threatnin ME pls");

        Assert.Equal(["sum1", "threatnin", "me", "pls"], query.Words);
        Assert.DoesNotContain("me", query.Concepts.Select(c => c.Typed));
    }

    [Fact]
    public void Analyze_EverydayWordCloseToAKnowledgeBaseWord_IsNotCorrected()
    {
        var surface = new Dictionary<string, int>(Surface) { ["takes"] = 2 };
        var vocabulary = surface.Keys.ToDictionary(w => LuceneAnalysis.Stem(w), _ => 1);
        var withoutExamples = new QueryAnalyzer(vocabulary, surface, Synonyms, SearchFeatures.All);
        var withExamples = new QueryAnalyzer(vocabulary, surface, Synonyms, SearchFeatures.All, everydayWords: ["how", "do", "i", "do", "my", "tax", "return"]);

        Assert.Equal("takes", Assert.Single(withoutExamples.Analyze("file my taxes").Corrections).ReadAs);
        var query = withExamples.Analyze("file my taxes");
        Assert.Empty(query.Corrections);
        var taxes = Assert.Single(query.Concepts, c => c.Typed == "taxes");
        Assert.False(taxes.Known);
        Assert.Contains("taxes", Searched(query));
    }

    [Fact]
    public void Analyze_SlangSynonym_SearchesTheKnownWords()
    {
        var query = Analyzer(SearchFeatures.All).Analyze("he has my pix");

        var concept = Assert.Single(query.Concepts);
        Assert.True(concept.Known);
        Assert.Contains("nudes", Searched(query));
        Assert.Contains("intimate images", Searched(query));
    }

    [Fact]
    public void Analyze_SynonymTypedInTheKnowledgeBasesOwnWords_SearchesOnlyThoseWords()
    {
        var query = Analyzer(SearchFeatures.All).Analyze("where do i report csam");

        var concept = Assert.Single(query.Concepts, c => c.Typed == "csam");
        Assert.True(concept.Alternatives.Count > 1);
        Assert.Equal(["report", "csam"], Searched(query));
    }

    private static QueryAnalyzer Analyzer(SearchFeatures features) => new(Vocabulary, Surface, Synonyms, features);

    /// <summary>The phrases the index is asked for, as typed.</summary>
    private static List<string> Searched(AnalyzedQuery query) => [.. query.Lexical.Phrases.Select(p => p.ToString())];
}

using BotHost.Knowledge.Search;

namespace BotHost.Knowledge.Tests.Search;

public sealed class SpellingCorrectorTests
{
    private static readonly SpellingCorrector Corrector = new(new Dictionary<string, int>
    {
        ["sextortion"] = 10,
        ["threatening"] = 5,
        ["grooming"] = 8,
        ["report"] = 20,
        ["reports"] = 3,
        ["trafficking"] = 6,
        ["blackmail"] = 4,
        ["images"] = 9,
        ["imagine"] = 1,
        ["stalking"] = 2,
    });

    private static readonly SpellingCorrector WithoutStalking = new(new Dictionary<string, int> { ["talking"] = 30, ["taking"] = 12 });

    [Theory]
    [InlineData("sextrotion", "sextortion")]
    [InlineData("sextortin", "sextortion")]
    [InlineData("groomin", "grooming")]
    [InlineData("trafficing", "trafficking")]
    [InlineData("threatning", "threatening")]
    [InlineData("blakmail", "blackmail")]
    [InlineData("imagse", "images")]
    public void Correct_Typo_FindsTheKnownWord(string typed, string expected) => Assert.Equal(expected, Corrector.Correct(typed));

    [Theory]
    [InlineData("repot")]     // 5 letters: one edit allowed, but "report" and "reports"? only report is 1 away -> corrected
    public void Correct_FiveLetters_AllowsOneEdit(string typed) => Assert.Equal("report", Corrector.Correct(typed));

    [Theory]
    [InlineData("grom")]       // under 5 letters: never corrected
    [InlineData("report")]     // exists: never "corrected"
    [InlineData("minecraft")]  // nothing within two edits
    [InlineData("xextortion")] // first letter wrong: not a typo people make
    [InlineData("r3port")]     // not all letters
    public void Correct_NotATypo_ReturnsNull(string typed) => Assert.Null(Corrector.Correct(typed));

    [Fact]
    public void Correct_EightLetters_AllowsOnlyOneEdit() => Assert.Null(Corrector.Correct("grmoinng"));

    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    public void AllowedTypos_ByLength_FollowsMeilisearch(int length, int typos) => Assert.Equal(typos, SpellingCorrector.AllowedTypos(length));

    [Fact]
    public void Correct_WordThatOnlyAddsAFirstLetter_ReturnsNull() => Assert.Null(WithoutStalking.Correct("stalking"));

    [Fact]
    public void Correct_FirstTwoLettersSwapped_FindsTheKnownWord() => Assert.Equal("stalking", Corrector.Correct("tsalking"));

    [Fact]
    public void Correct_SameWordsAgain_SameCorrectionsAsTheFirstTime()
    {
        var corrector = new SpellingCorrector(new Dictionary<string, int> { ["sextortion"] = 10, ["grooming"] = 8, ["Grooming"] = 1 });
        string[] typed = ["sextrotion", "groomin", "Groomin", "minecraft", "sextortin"];
        var first = typed.Select(w => corrector.Correct(w) ?? "(none)").ToArray();
        var again = typed.Select(w => corrector.Correct(w) ?? "(none)").ToArray();
        Assert.Equal(["sextortion", "grooming", "Grooming", "(none)", "sextortion"], first);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Correct_MoreWordsThanRemembered_StillCorrects()
    {
        var corrector = new SpellingCorrector(new Dictionary<string, int> { ["sextortion"] = 10 });
        Assert.Equal("sextortion", corrector.Correct("sextrotion"));
        for (var i = 0; i < SpellingCorrector.RememberedWords * 2; i++)
        {
            // Six letters, a new word each time: "zzaaaa", "zzaaab", ...
            char[] letters = ['z', 'z', (char)('a' + (i / 17_576 % 26)), (char)('a' + (i / 676 % 26)), (char)('a' + (i / 26 % 26)), (char)('a' + (i % 26))];
            var word = new string(letters);
            Assert.Null(corrector.Correct(word));
        }

        Assert.Equal("sextortion", corrector.Correct("sextrotion"));
    }
}

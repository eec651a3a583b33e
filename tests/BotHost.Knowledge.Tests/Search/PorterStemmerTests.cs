using BotHost.Knowledge.Search;
using Microsoft.Data.Sqlite;

namespace BotHost.Knowledge.Tests.Search;

public sealed class PorterStemmerTests
{
    // Classic Porter cases plus words from this domain; each is checked against SQLite itself below.
    private static readonly string[] Words =
    [
        "caresses", "ponies", "ties", "caress", "cats", "feed", "agreed", "plastered", "bled", "motoring", "sing",
        "conflated", "troubled", "sized", "hopping", "tanned", "falling", "hissing", "fizzed", "failing", "filing",
        "happy", "sky", "relational", "conditional", "rational", "valenci", "hesitanci", "digitizer", "conformabli",
        "radicalli", "differentli", "vileli", "analogousli", "vietnamization", "predication", "operator", "feudalism",
        "decisiveness", "hopefulness", "callousness", "formaliti", "sensitiviti", "sensibiliti", "triplicate",
        "formative", "formalize", "electriciti", "electrical", "hopeful", "goodness", "revival", "allowance",
        "inference", "airliner", "gyroscopic", "adjustable", "defensible", "irritant", "replacement", "adjustment",
        "dependent", "adoption", "homologou", "communism", "activate", "angulariti", "homologous", "effective",
        "bowdlerize", "probate", "rate", "cease", "controll", "roll", "generalizations", "oscillators", "yes", "eed",
        "sextortion", "sextorted", "threatening", "threatened", "grooming", "groomer", "trafficking", "trafficked",
        "reporting", "images", "nudes", "pictures", "blackmailing", "embarrassed", "counselling", "anonymously",
        "exploitation", "deepfakes", "hashing", "screenshots", "disclosure", "moderators", "emergency", "helpline",
        "abc", "ab", "a", "by", "syzygy", "happiness", "flying", "dying", "lying", "agreement", "university",
    ];

    [Fact]
    public void Stem_EveryWord_MatchesSqliteFts5PorterTokenizer()
    {
        var expected = SqliteStems(Words);

        var mismatches = Words.Where(w => PorterStemmer.Stem(w) != expected[w]).Select(w => $"{w}: ours={PorterStemmer.Stem(w)} sqlite={expected[w]}").ToList();

        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("threatening", "threaten")]
    [InlineData("sextortion", "sextort")]
    [InlineData("ponies", "poni")]
    [InlineData("ab", "ab")]
    [InlineData("cafés", "cafés")]
    public void Stem_KnownWord_GivesPorterStem(string word, string stem) => Assert.Equal(stem, PorterStemmer.Stem(word));

    [Fact]
    public void Stem_TokenLongerThan64_IsLeftUnchanged()
    {
        var word = new string('a', 70) + "ing";

        Assert.Equal(word, PorterStemmer.Stem(word));
    }

    /// <summary>Each word in its own row of a porter FTS5 table; fts5vocab 'instance' says what SQLite made of it.</summary>
    internal static Dictionary<string, string> SqliteStems(IReadOnlyList<string> words)
    {
        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE VIRTUAL TABLE t USING fts5(w, tokenize='porter unicode61 remove_diacritics 2');" +
                              "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');";
        command.ExecuteNonQuery();
        for (var i = 0; i < words.Count; i++)
        {
            command.CommandText = "INSERT INTO t(rowid, w) VALUES ($id, $w)";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$id", i + 1);
            command.Parameters.AddWithValue("$w", words[i]);
            command.ExecuteNonQuery();
        }

        command.CommandText = "SELECT doc, term FROM v";
        command.Parameters.Clear();
        var stems = new Dictionary<string, string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) stems[words[reader.GetInt32(0) - 1]] = reader.GetString(1);
        return stems;
    }
}

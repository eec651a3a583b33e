using BotHost.Knowledge.Articles;
using BotHost.Knowledge.Hotlines;
using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Search;

namespace BotHost.Knowledge;

/// <summary>The parsed, validated content of a knowledge folder at one moment.</summary>
/// <param name="Version">Short hash of every file's content: changes whenever any file does.</param>
public sealed record KnowledgeSnapshot(IReadOnlyList<Article> Articles, HotlineDirectory Hotlines, SynonymSet Synonyms, string Version)
{
    /// <summary>urgent.yaml and refusal.yaml; empty when the folder has neither.</summary>
    public SafetyRules Safety { get; init; } = SafetyRules.Empty;

    /// <summary>
    /// off-topic.yaml: everyday questions the bot should decline (Dialogflow's negative examples, Rasa's
    /// out_of_scope intent). A question closer to one of these than to any article's questions is less likely to be
    /// one the knowledge base answers.
    /// </summary>
    public IReadOnlyList<string> OffTopic { get; init; } = [];

    /// <summary>knowledge/examples/: labelled messages the example safety detector learns from.</summary>
    public SafetyExamples Examples { get; init; } = SafetyExamples.Empty;

    /// <summary>
    /// examples/everyday.tsv: everyday messages community members send (server setup, games, homework...), the
    /// negatives declining is measured against beside off-topic.yaml; empty when the file is absent.
    /// </summary>
    public IReadOnlyList<string> Everyday { get; init; } = [];

    /// <summary>coverage.yaml's regions and the words a section heading names each by: an answer quotes the section for the asker's region.</summary>
    public IReadOnlyList<Coverage.CoverageRegion> Regions { get; init; } = [];
}

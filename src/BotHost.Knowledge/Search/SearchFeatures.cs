namespace BotHost.Knowledge.Search;

/// <summary>
/// The retrieval techniques, each of which can be switched off so <c>kb eval --ablation</c> can show what each one
/// adds. Everything is on in production.
/// </summary>
[Flags]
public enum SearchFeatures
{
    None = 0,

    /// <summary>Questions, title and tags weigh more than body text (otherwise every column weighs 1).</summary>
    FieldWeights = 1,

    /// <summary>Query-side synonyms from synonyms.yaml.</summary>
    Synonyms = 2,

    /// <summary>Correct misspelt words against the index vocabulary.</summary>
    TypoTolerance = 4,

    /// <summary>Drop chat noise (pls, u, wat, emoji, stretched letters) and common question words.</summary>
    ChatNormalization = 8,

    /// <summary>Decide answer or decline from calibrated confidence (otherwise: any match answers).</summary>
    Confidence = 16,

    /// <summary>off-topic.yaml's everyday questions: searched beside the articles' questions, and their words never corrected.</summary>
    OffTopicExamples = 32,

    /// <summary>Hybrid ranking: the sentence encoder's cosines fused with the lexical ranking, and as confidence features (needs the model).</summary>
    Semantic = 64,

    /// <summary>Re-order the fused ranking's first articles by the learned <see cref="Search.Reranker"/> (needs the model).</summary>
    Reranker = 128,

    /// <summary>The <see cref="Search.OnTopicModel"/>'s log-odds (articles' questions vs everyday examples) as a confidence feature (needs the model and <see cref="OffTopicExamples"/>).</summary>
    OnTopic = 256,

    /// <summary>
    /// The article classifier (a softmax regression from the sentence vector to the article whose questions it reads like,
    /// trained at load) whose log-probability is a feature of the <see cref="Search.Reranker"/> (needs the model).
    /// </summary>
    ArticleClassifier = 512,

    All = FieldWeights | Synonyms | TypoTolerance | ChatNormalization | Confidence | OffTopicExamples | Semantic | Reranker | OnTopic | ArticleClassifier,
}

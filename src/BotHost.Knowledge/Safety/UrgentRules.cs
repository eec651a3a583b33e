namespace BotHost.Knowledge.Safety;

/// <summary>knowledge/urgent.yaml: how to recognise a member in danger, and what to say. Categories are tried in file order.</summary>
/// <param name="EmergencyFallback">Shown when the hotline directory has no verified emergency number for the region.</param>
/// <param name="ReviewedOn">When the wording was last reviewed (reviewed like an article).</param>
public sealed record UrgentRules(
    SafetyLexicon Lexicon,
    IReadOnlyList<UrgentCategoryRules> Categories,
    string EmergencyFallback,
    DateOnly ReviewedOn)
{
    /// <summary>The example detector's threshold for a message the lexicon reads as a joke or an idiom (urgent.yaml's <c>joking_threshold</c>).</summary>
    public double JokingThreshold { get; init; } = 0.9;

    /// <summary>The distress safety net's reply and threshold (urgent.yaml's <c>distress:</c>); null when the file has none.</summary>
    public DistressRules? Distress { get; init; }

    /// <summary>The first category whose rules match the message, or null when the message is not urgent.</summary>
    public UrgentCategoryRules? Classify(string message) => Match(message)?.Category;

    /// <summary>The category and the rule that matched (its line in urgent.yaml tells maintainers why), or null.</summary>
    public UrgentMatch? Match(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reading = Lexicon.Read(message);
        foreach (var category in Categories)
        {
            if (category.Rules.FirstOrDefault(r => r.IsMatch(reading)) is { } rule) return new UrgentMatch(category, rule, null);
        }

        return null;
    }

    /// <summary>The category of this id, or null.</summary>
    public UrgentCategoryRules? Category(string id) => Categories.FirstOrDefault(c => c.Id == id);
}

/// <summary>Why a message was found urgent: a rule of urgent.yaml, or the labelled examples.</summary>
public sealed record UrgentMatch(UrgentCategoryRules Category, SafetyRule? Rule, ExampleVerdict? Examples)
{
    /// <summary>Where to look, for maintainers: "urgent.yaml:120" or the example detector's score and nearest example.</summary>
    public string Reason => Rule is not null
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{KnowledgeLoader.UrgentFile}:{Rule.Line}")
        : Examples?.ToString() ?? "examples";
}

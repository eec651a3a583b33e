namespace BotHost.Testing;

/// <summary>A small, realistic knowledge folder for tests of search, answers and the pipeline.</summary>
public static class SampleKnowledge
{
    public static TempKnowledgeFolder Create() => TempKnowledgeFolder.With(
        TempKnowledgeFolder.Article(
            "sextortion",
            "Someone is threatening to share my photos",
            ["someone is threatening to share my nudes unless i pay", "i am being blackmailed with my pictures", "what is sextortion"],
            [
                ("What sextortion is", "Sextortion is when someone threatens to share sexual images of you unless you pay them or send more. It is a crime and it is not your fault."),
                ("What to do right now", "Do not pay and stop replying. Keep the messages and the account names as evidence. Report the account to the platform and to the police."),
            ],
            tags: ["sextortion", "blackmail", "threats"],
            hotlines: ["us-test-line", "gb-test-line", "intl-test-service"],
            sensitive: true),
        TempKnowledgeFolder.Article(
            "grooming-signs",
            "Warning signs of online grooming",
            ["how can i tell if someone is grooming my child", "signs of grooming online", "is this adult grooming me"],
            [
                ("Common signs", "An adult who gives a young person lots of attention, gifts and compliments, asks them to keep secrets and to move to private apps may be grooming them."),
                ("Why it matters", "Grooming builds trust so that a child will not tell anyone. Noticing the signs early helps keep children safe."),
            ],
            tags: ["grooming", "predator"],
            hotlines: ["us-test-line"]),
        TempKnowledgeFolder.Article(
            "report-csam",
            "Reporting child sexual abuse material",
            ["how do i report child abuse images", "where to report csam", "i saw abuse pictures of a kid online"],
            [
                ("Never share it", "Never download, forward or screenshot child sexual abuse material, not even to report it. Note the link or the account instead."),
                ("Where to report", "Report the link to the national reporting hotline of your country and to the platform where you saw it."),
            ],
            tags: ["csam", "reporting"],
            hotlines: ["us-test-line", "gb-test-line"]));
}

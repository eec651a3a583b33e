using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Hotlines;
using BotHost.Testing;

namespace BotHost.Knowledge.Tests.Evaluation;

public sealed class ArticleQuestionCrossValidationTests
{
    [Fact]
    public void Samples_EachQuestionHeldOut_AreShouldAnswerAndScoreBelowTheQuestionSearchedWithItself()
    {
        using var folder = TempKnowledgeFolder.With(
            TempKnowledgeFolder.Article("staying-safe", "Staying safe online",
                ["how do i make my account private", "who can see my profile", "turn off location sharing"],
                [("Settings", "Make your account private and turn off location sharing so strangers cannot see your profile.")]),
            TempKnowledgeFolder.Article("blocking", "Blocking and reporting",
                ["how do i block someone", "report a user who bothers me", "stop someone messaging me"],
                [("Block", "To stop someone messaging you, block the account, then report it to the platform so a moderator can look.")]));
        var time = new FakeTimeProvider(TestClock.Start);
        var options = new KnowledgeOptions { Path = folder.Path, AnswerCacheSize = 0 };
        using var knowledge = KnowledgeBase.Load(options, time).Knowledge!;
        var questions = knowledge.Articles.SelectMany(a => a.Questions).ToList();

        var samples = ArticleQuestionCrossValidation.Samples(knowledge, options, time, RegionCode.International, weight: 0.5);

        Assert.Equal(questions.Count, samples.Count);
        Assert.All(samples, s => Assert.True(s.ShouldAnswer && s.Weight == 0.5));
        // fold f holds out questions f, f + 5, ...: with six questions, samples come in the order 0, 5, 1, 2, 3, 4
        int[] order = [0, 5, 1, 2, 3, 4];
        for (var i = 0; i < samples.Count; i++)
        {
            var withItself = knowledge.Search(questions[order[i]], RegionCode.International).Ranked[0];
            Assert.True(samples[i].Score < withItself.Score, $"'{questions[order[i]]}' held out scored {samples[i].Score}, with itself {withItself.Score}");
        }
    }
}

using BotHost.Knowledge.Evaluation;
using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Tests.Semantics;
using BotHost.Testing.Semantics;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>
/// The distress safety net's detector on the shipped knowledge base (issue #13 item 5), on messages written for these
/// tests (not the example files' lines, not the eval sets).
/// </summary>
[Collection(SemanticsTests.Collection)]
public sealed class DistressDetectorTests(SemanticsFixture fixture)
{
    private SafetyRules Safety => fixture.Shipped.Safety;

    [Fact]
    public void Shipped_WithTheEncoder_HasTheDistressNet()
    {
        Assert.NotNull(Safety.Distress);
        Assert.NotNull(Safety.Urgent?.Distress);
        Assert.NotEmpty(fixture.Shipped.Snapshot.Examples.Distress);
        Assert.NotEmpty(fixture.Shipped.Snapshot.Examples.Calm);
    }

    [Theory]
    [InlineData("my exams start tomorrow and im panicking so bad i cant think straight")]
    [InlineData("my parents are getting divorced and i feel like everything is falling apart")]
    public void MatchDistress_DistressNoCategoryFits_ReadsAsDistressWithTheNearestExample(string message)
    {
        Assert.Null(Safety.MatchUrgent(message));

        var verdict = Safety.MatchDistress(message);

        Assert.NotNull(verdict);
        Assert.Equal(SafetyExamples.InDistress, verdict.Label);
        Assert.InRange(verdict.Score, Safety.Urgent!.Distress!.Threshold, 1);
        Assert.Contains("examples/distress", verdict.Nearest!.Location.Replace('\\', '/'), StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue #13: a member who is low but not in danger is not urgent (the distress and calm examples are "not urgent" rows
    /// of the urgent detector), so they get the distress net's reply rather than a self-harm category's. Written for the test.
    /// </summary>
    [Theory]
    [InlineData("i feel so empty and alone lately and i cry myself to sleep most nights")]
    [InlineData("everything is too much right now and i cant stop crying")]
    public void MatchUrgent_LowButNotInDanger_IsNotUrgentAndTheNetAnswers(string message)
    {
        var urgent = Safety.MatchUrgent(message);

        Assert.Null(urgent);
        Assert.NotNull(Safety.MatchDistress(message));
    }

    /// <summary>
    /// The misroute check reads every answer to a member read as at risk: an urgent (or distress) message the urgent check
    /// takes gets the urgent reply, which quotes the same answer as the net's would. A help-seeker's own urges, written for
    /// the test, are read as urgent and quoted the prevention article (ShippedAudienceTests): labelled urgent they count,
    /// labelled calm they do not.
    /// </summary>
    [Fact]
    public void Run_UrgentMessageTheUrgentCheckTakes_CountsItsAnswerInTheMisroutes()
    {
        const string message = "i keep looking at cp and i cant stop myself";
        Assert.NotNull(Safety.MatchUrgent(message));
        var calm = DistressEvaluator.Run(fixture.Shipped, [new DistressEvalCase(message, DistressEvalCase.Calm, 1)])!;

        var urgent = DistressEvaluator.Run(fixture.Shipped, [new DistressEvalCase(message, DistressEvalCase.Urgent, 1)])!;

        Assert.Equal(calm.Misroutes + 1, urgent.Misroutes);
    }

    [Theory]
    [InlineData("how do i turn off location sharing on snapchat")]
    [InlineData("anyone up for a round of fortnite after dinner")]
    [InlineData("what age do you have to be to make a tiktok account")]
    public void MatchDistress_CalmOrEverydayMessage_IsNull(string message) => Assert.Null(Safety.MatchDistress(message));

    [Fact]
    public void MatchDistress_UrgentMessage_IsNullForTheUrgentCheckAnswersIt()
    {
        const string message = "honestly i want to kill myself tonight";

        Assert.NotNull(Safety.MatchUrgent(message));
        Assert.Null(Safety.MatchDistress(message));
    }

    [Fact]
    public void MatchDistress_RulesOnly_IsNull()
    {
        var rulesOnly = Safety with { Detectors = SafetyDetectors.Rules };

        Assert.Null(rulesOnly.MatchDistress("my exams start tomorrow and im panicking so bad i cant think straight"));
    }

    [Fact]
    public void Build_NoDistressExamples_IsNull()
    {
        var examples = fixture.Shipped.Snapshot.Examples with { Distress = [] };

        Assert.Null(DistressDetector.Build(examples, fixture.Embedder));
    }

    [Fact]
    public void Prepare_ShippedExamples_MarksExactlyTheCalmExamplesAsCalm()
    {
        var examples = fixture.Shipped.Snapshot.Examples;

        var training = DistressTraining.Prepare(examples, fixture.Embedder)!;

        Assert.Equal(examples.Calm.Count, training.IsCalm.Count(c => c));
        Assert.All(Enumerable.Range(0, training.Rows.Count).Where(i => training.IsCalm[i]), i => Assert.Contains(training.Rows[i], examples.Calm));
        Assert.All(Enumerable.Range(0, training.Rows.Count).Where(i => training.IsCalm[i]), i => Assert.NotEqual(DistressTraining.InDistress, training.Labels[i]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CrossValidateParts_EitherCalmClass_ScoresEveryRowAndSeparatesTheClasses(bool calmClass)
    {
        var training = DistressTraining.Prepare(fixture.Shipped.Snapshot.Examples, fixture.Embedder)!;

        var parts = training.CrossValidateParts(5, calmClass);

        Assert.Equal(training.Rows.Count, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.Model, 0, 1));
        var distress = parts.Where((_, i) => training.Labels[i] == DistressTraining.InDistress).Average(p => p.Vote);
        var calm = parts.Where((_, i) => training.IsCalm[i]).Average(p => p.Vote);
        Assert.True(distress > calm + 0.4, $"mean out-of-fold vote: distress {distress:0.00}, calm {calm:0.00}");
    }

    [Fact]
    public void TrainMachine_SettingsInUse_ReadsTheWordsAndScoresHeldOutDistressAboveCalm()
    {
        var training = DistressTraining.Prepare(fixture.Shipped.Snapshot.Examples, fixture.Embedder)!;
        var settings = DistressTraining.MachineSettings!;

        var machine = training.TrainMachine([.. Enumerable.Range(0, training.Rows.Count).Where(i => i % 2 == 0)], settings)!;

        Assert.True(machine.UsesText);
        var heldOut = Enumerable.Range(0, training.Rows.Count).Where(i => i % 2 == 1).ToList();
        double Mean(Func<int, bool> which) => heldOut.Where(which).Average(i => machine.Score(training.Vectors[i], training.Texts[i]));
        var distress = Mean(i => training.Labels[i] == DistressTraining.InDistress);
        var calm = Mean(i => training.IsCalm[i]);
        Assert.True(distress > calm + 0.25, $"mean held-out score: distress {distress:0.00}, calm {calm:0.00}");
    }

    [Fact]
    public void CrossValidate_ShippedExamples_ScoresEveryRowAndSeparatesTheClasses()
    {
        var training = DistressTraining.Prepare(fixture.Shipped.Snapshot.Examples, fixture.Embedder)!;

        var scores = training.CrossValidate(5);

        Assert.Equal(training.Rows.Count, scores.Count);
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        // The kernel machine's scores (DistressTraining.MachineSettings) are less extreme than the blend's: the means sit
        // either side of the threshold, well apart.
        var distress = scores.Where((_, i) => training.Labels[i] == DistressTraining.InDistress).Average();
        var others = scores.Where((_, i) => training.Labels[i] != DistressTraining.InDistress).Average();
        var threshold = Safety.Urgent!.Distress!.Threshold;
        Assert.True(distress > threshold + 0.1 && others < threshold - 0.1 && distress > others + 0.3,
            $"mean out-of-fold score: distress {distress:0.00}, others {others:0.00}, threshold {threshold:0.00}");
    }
}

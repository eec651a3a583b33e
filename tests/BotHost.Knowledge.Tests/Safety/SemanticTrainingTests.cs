using BotHost.Knowledge.Safety;
using BotHost.Knowledge.Tests.Semantics;
using BotHost.Testing.Semantics;

namespace BotHost.Knowledge.Tests.Safety;

/// <summary>Which rows each example detector trains on (issue #13: distress is not urgent), on a part of the shipped examples.</summary>
[Collection(SemanticsTests.Collection)]
public sealed class SemanticTrainingTests(SemanticsFixture fixture)
{
    private SemanticTraining Prepare(int distressRows = int.MaxValue)
    {
        var snapshot = fixture.Shipped.Snapshot;
        var shipped = snapshot.Examples;
        static List<SafetyExample> Part(IReadOnlyList<SafetyExample> rows) => [.. rows.Where((_, i) => i % 8 == 0)];
        var examples = new SafetyExamples(Part(shipped.Urgent), Part(shipped.Normal), Part(shipped.Refusal))
        {
            Distress = [.. Part(shipped.Distress).Take(distressRows)],
            Calm = Part(shipped.Calm),
        };
        return SemanticTraining.Prepare(examples, [.. snapshot.OffTopic.Take(20)], SemanticTraining.Answerable(snapshot.Articles.Take(4)), fixture.Embedder);
    }

    [Fact]
    public void Prepare_DistressAndCalmExamples_AreNotUrgentRowsOfTheUrgentDetectorOnly()
    {
        var training = Prepare();

        var urgent = training.Urgent;
        var added = urgent.Rows.Skip(training.UrgentLabels.Count).ToList();
        Assert.NotSame(training, urgent);
        Assert.Contains(added, r => r.Label == SafetyExamples.InDistress);
        Assert.Contains(added, r => r.File.Contains("calm", StringComparison.Ordinal));
        Assert.All(urgent.UrgentLabels.Skip(training.UrgentLabels.Count), l => Assert.Equal(training.Categories.Count, l));
        Assert.DoesNotContain(training.Rows, r => r.Label == SafetyExamples.InDistress || r.File.Contains("calm", StringComparison.Ordinal));
        Assert.Equal(training.RefusalLabels.Count, training.Rows.Count);
    }

    [Fact]
    public void Prepare_UrgentRows_KeepTheExamplesInOrderSoTheFoldsStay()
    {
        var training = Prepare();

        var urgent = training.Urgent;

        Assert.Equal(training.Rows.Take(training.UrgentLabels.Count), urgent.Rows.Take(training.UrgentLabels.Count));
        Assert.Equal(training.UrgentLabels, urgent.UrgentLabels.Take(training.UrgentLabels.Count));
        Assert.Equal(urgent.Rows.Count, urgent.Vectors.Count);
        Assert.Same(urgent, urgent.Urgent);
    }

    [Fact]
    public void CrossValidateUrgent_WithDistressRows_ScoresEveryRowOfTheUrgentTraining()
    {
        var urgent = Prepare().Urgent;

        var verdicts = urgent.CrossValidateUrgent(3, null);

        Assert.All(Enumerable.Range(0, urgent.Rows.Count), i => Assert.NotNull(verdicts[i]));
    }

    [Fact]
    public void TrainUrgent_SettingsInUse_HasAnUrgencyMachineReadingTheWords()
    {
        var urgent = Prepare().Urgent;

        var model = urgent.TrainUrgent(Enumerable.Range(0, urgent.UrgentLabels.Count), SemanticTraining.UrgentSettings);

        Assert.NotNull(model?.Urgency);
        Assert.True(model.Urgency.UsesText);
    }

    /// <summary>The urgency score mixes the machine's score and the blend's: mix 0 is the blend, 1 the machine, between them the weighted sum.</summary>
    [Fact]
    public void UrgentVerdict_Mix_WeighsTheMachineAgainstTheBlend()
    {
        var urgent = Prepare().Urgent;
        var model = urgent.TrainUrgent(Enumerable.Range(0, urgent.UrgentLabels.Count), SemanticTraining.UrgentSettings)!;
        var row = urgent.UrgentLabels.Select((l, i) => (l, i)).First(x => x.l < urgent.Categories.Count).i;
        var vector = urgent.Vectors[row];
        var text = urgent.Texts[row];

        var blend = SemanticTraining.UrgentVerdict(model, vector, urgent.Categories, text, mix: 0f).Score;
        var machine = SemanticTraining.UrgentVerdict(model, vector, urgent.Categories, text, mix: 1f).Score;
        var mixed = SemanticTraining.UrgentVerdict(model, vector, urgent.Categories, text, mix: 0.7f).Score;

        Assert.NotEqual(blend, machine, 4);
        Assert.Equal((0.7 * machine) + (0.3 * blend), mixed, 5);
    }

    [Fact]
    public void IsHardNegative_NormalFileRows_AreTheOnlyOnes()
    {
        var urgent = Prepare().Urgent;

        var hard = Enumerable.Range(0, urgent.UrgentLabels.Count).Where(urgent.IsHardNegative).ToList();

        Assert.NotEmpty(hard);
        Assert.All(hard, i => Assert.StartsWith("normal", Path.GetFileName(urgent.Rows[i].File), StringComparison.Ordinal));
        Assert.Contains(Enumerable.Range(0, urgent.UrgentLabels.Count), i => !urgent.IsHardNegative(i) && urgent.UrgentLabels[i] == urgent.Categories.Count);
    }

    [Fact]
    public void UrgentKey_DistressRowsChange_ChangesAndTheRefusalKeyDoesNot()
    {
        var all = Prepare();
        var fewer = Prepare(distressRows: 3);

        Assert.Equal(all.Rows, fewer.Rows);
        Assert.NotEqual(all.UrgentKey(), fewer.UrgentKey());
        Assert.Equal(all.RefusalKey(), fewer.RefusalKey());
    }

    [Fact]
    public void TrainPair_RequestsAndEverydayRowsButNoProtectiveQuestion_ReturnsNull()
    {
        var training = Prepare();

        var rows = Enumerable.Range(0, training.Rows.Count).Where(i => training.RefusalLabels[i] != 2).ToList();

        Assert.Null(training.TrainPair(rows));
    }

    [Fact]
    public void TrainPair_WithoutAGram_DecidesAsThePairGramOne()
    {
        // A load trains the pair machine from the rows' vectors and word classes; a cross-validation through the pair's Gram matrix.
        var training = Prepare();
        var rows = Enumerable.Range(0, training.Rows.Count).Where(i => i % 3 != 0).ToList();

        var direct = training.TrainPair(rows)!;
        var gram = training.TrainPair(rows, shareGram: true)!;

        Assert.True(direct.UsesText);
        for (var i = 0; i < training.Rows.Count; i += 3)
        {
            Assert.Equal(gram.Score(training.Vectors[i], training.PairTexts[i]), direct.Score(training.Vectors[i], training.PairTexts[i]), 1e-5);
        }
    }

    [Fact]
    public void TrainPair_AfterTheKernelMachineWithAKernelStore_DecidesAsATrainingOfItsOwn()
    {
        // A load keeps the kernel machine's kernel; the pair machine (same settings) reads its rows' entries and adds the class block.
        var training = Prepare();
        var all = Enumerable.Range(0, training.Rows.Count).ToList();
        var own = training.TrainPair(all)!;

        training.Kernels = new KernelMachine.KernelStore();
        training.TrainRefusal(all, SemanticTraining.PairSettings);
        var shared = training.TrainPair(all)!;
        var kept = training.Kernels.Count;
        training.Kernels = null;

        // The same machine up to float rounding: the kept entries hold the word block's cosines already weighted and summed,
        // and the class block's are added to them, where a training of its own weighs the two blocks' sum.
        Assert.Equal(1, kept); // the kernel machine's alone: the pair machine built none of its own
        Assert.InRange(shared.SupportVectors, own.SupportVectors - 3, own.SupportVectors + 3);
        for (var i = 0; i < training.Rows.Count; i += 2)
        {
            Assert.Equal(own.Score(training.Vectors[i], training.PairTexts[i]), shared.Score(training.Vectors[i], training.PairTexts[i]), 1e-3);
        }
    }

    [Fact]
    public void TrainPair_WordClassesOnAndOff_AreTwoMachines()
    {
        var training = Prepare();
        var rows = Enumerable.Range(0, training.Rows.Count).ToList();

        var classes = training.TrainPair(rows, classes: true)!;
        var words = training.TrainPair(rows, classes: false)!;

        Assert.True(training.PairText.Classes);
        Assert.False(training.Text.Classes);
        Assert.Contains(Enumerable.Range(0, training.Rows.Count), i =>
            Math.Abs(classes.Score(training.Vectors[i], training.PairTexts[i]) - words.Score(training.Vectors[i], training.Texts[i])) > 1e-3);
    }

    [Fact]
    public void CrossValidatePair_PartOfTheShippedRows_RequestsScoreAboveProtectiveQuestionsOnAverage()
    {
        var training = Prepare();

        var scores = training.CrossValidatePair(3);

        var requests = Enumerable.Range(0, training.Rows.Count).Where(i => training.RefusalLabels[i] == 1).Select(i => scores[i]!.Value).Average();
        var protective = Enumerable.Range(0, training.Rows.Count).Where(i => training.RefusalLabels[i] == 2).Select(i => scores[i]!.Value).Average();
        Assert.True(requests > protective + 0.2, $"requests {requests}, protective {protective}");
    }
}

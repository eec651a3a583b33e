using BotHost.Knowledge.Safety;

namespace BotHost.Knowledge.Tests.Safety;

public sealed class KernelMachineTests
{
    /// <summary>Unit vectors of 8 dimensions scattered around the given axes (a negative axis number is the axis flipped).</summary>
    private static List<float[]> Around(int seed, int count, params int[] axes)
    {
        var random = new Random(seed);
        var vectors = new List<float[]>();
        foreach (var axis in axes)
        {
            for (var i = 0; i < count; i++)
            {
                var v = new float[8];
                for (var j = 0; j < v.Length; j++) v[j] = (float)(random.NextDouble() - 0.5) * 0.4f;
                v[Math.Abs(axis) - 1] += Math.Sign(axis);
                vectors.Add(Unit(v));
            }
        }

        return vectors;
    }

    private static float[] Unit(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    private static KernelMachine Train(List<float[]> positives, List<float[]> negatives, float negativeWeight = 1, KernelMachine.Settings? settings = null)
    {
        var vectors = positives.Concat(negatives).ToList();
        var positive = vectors.Select((_, i) => i < positives.Count).ToList();
        var weights = positive.Select(p => p ? 1f : negativeWeight).ToList();
        return KernelMachine.Train(new KernelMachine.Gram(vectors), [.. Enumerable.Range(0, vectors.Count)], positive, weights, settings ?? new KernelMachine.Settings());
    }

    [Fact]
    public void Decision_TwoSeparateClusters_PositiveOnlyNearThePositiveOne()
    {
        var machine = Train(Around(1, 20, 1), Around(2, 20, 2));

        Assert.True(machine.Decision(Unit([1, 0.1f, 0, 0, 0, 0, 0, 0])) > 0);
        Assert.True(machine.Decision(Unit([0.1f, 1, 0, 0, 0, 0, 0, 0])) < 0);
        Assert.True(machine.Score(Unit([1, 0.1f, 0, 0, 0, 0, 0, 0])) > 0.5);
    }

    [Fact]
    public void Decision_PositivesOnOppositeSides_SeparatesThemFromTheNegativesBetween()
    {
        // Positives around +x and -x, negatives around +y and -y: no flat boundary separates them (the positives' mean is
        // the negatives' mean), a kernel one does.
        var machine = Train(Around(3, 20, 1, -1), Around(4, 20, 2, -2), settings: new KernelMachine.Settings(Gamma: 2, Cost: 10));

        Assert.True(machine.Decision(Unit([1, 0.2f, 0, 0, 0, 0, 0, 0])) > 0);
        Assert.True(machine.Decision(Unit([-1, 0.2f, 0, 0, 0, 0, 0, 0])) > 0);
        Assert.True(machine.Decision(Unit([0.2f, 1, 0, 0, 0, 0, 0, 0])) < 0);
        Assert.True(machine.Decision(Unit([0.2f, -1, 0, 0, 0, 0, 0, 0])) < 0);
    }

    [Fact]
    public void Train_SameRowsTwice_GivesTheSameDecisions()
    {
        var probe = Unit([0.6f, 0.5f, 0.1f, 0, 0, 0, 0, 0]);

        var first = Train(Around(5, 30, 1, 3), Around(6, 30, 2));
        var second = Train(Around(5, 30, 1, 3), Around(6, 30, 2));

        Assert.Equal(first.Decision(probe), second.Decision(probe));
        Assert.Equal(first.SupportVectors, second.SupportVectors);
    }

    [Fact]
    public void Train_HeavierNegatives_MovesTheBoundaryTowardThePositives()
    {
        // A small cost keeps every row's coefficient at its bound (a soft margin), so a message between the clusters leans
        // to the class whose mistakes cost more.
        var positives = Around(7, 30, 1);
        var negatives = Around(8, 30, 2);
        var between = Unit([1, 0.9f, 0, 0, 0, 0, 0, 0]);
        var soft = new KernelMachine.Settings(Cost: 0.01f);

        var even = Train(positives, negatives, settings: soft).Decision(between);
        var heavy = Train(positives, negatives, negativeWeight: 5, settings: soft).Decision(between);

        Assert.True(heavy < even, $"even {even}, heavy {heavy}");
    }

    [Fact]
    public void Train_SomeRowsOfTheGram_IgnoresTheOthers()
    {
        // Rows left out (a cross-validation fold) take no part: the machine trained on rows 0-39 of a larger Gram matrix
        // decides as one trained on those rows alone.
        var vectors = Around(9, 20, 1).Concat(Around(10, 20, 2)).Concat(Around(11, 20, 1)).ToList();
        var positive = vectors.Select((_, i) => i < 20).ToList();
        var weights = vectors.Select(_ => 1f).ToList();
        var probe = Unit([1, 0.3f, 0, 0, 0, 0, 0, 0]);

        var part = KernelMachine.Train(new KernelMachine.Gram(vectors), [.. Enumerable.Range(0, 40)], positive, weights, new KernelMachine.Settings());
        var alone = KernelMachine.Train(new KernelMachine.Gram(vectors.GetRange(0, 40)), [.. Enumerable.Range(0, 40)], positive.GetRange(0, 40), weights, new KernelMachine.Settings());

        Assert.Equal(alone.Decision(probe), part.Decision(probe), 6);
        Assert.True(part.Decision(probe) > 0);
    }

    [Fact]
    public void Train_FromVectorsWithoutAGram_DecidesAsTheGramOne()
    {
        var vectors = Around(12, 25, 1, -1).Concat(Around(13, 25, 2, 3)).ToList();
        var positive = vectors.Select((_, i) => i < 50).ToList();
        var weights = vectors.Select((_, i) => i % 3 == 0 ? 2f : 1f).ToList();
        var rows = Enumerable.Range(0, vectors.Count).Where(i => i % 5 != 0).ToList();
        var settings = new KernelMachine.Settings(Gamma: 2, Cost: 4);
        var probe = Unit([0.7f, 0.4f, 0.3f, 0, 0, 0, 0, 0]);

        var gram = KernelMachine.Train(new KernelMachine.Gram(vectors), rows, positive, weights, settings);
        var direct = KernelMachine.Train(vectors, null, rows, positive, weights, settings);

        Assert.Equal(gram.SupportVectors, direct.SupportVectors);
        Assert.Equal(gram.Decision(probe), direct.Decision(probe));
    }

    /// <summary>Unit-length word features of a few of 30 ids per row, seeded.</summary>
    private static List<SparseVector> Words(int seed, int count)
    {
        var random = new Random(seed);
        var texts = new List<SparseVector>();
        for (var i = 0; i < count; i++)
        {
            int[] ids = [.. Enumerable.Range(0, 30).Where(_ => random.NextDouble() < 0.2).Append(i % 30).Distinct().Order()];
            var values = ids.Select(_ => (float)random.NextDouble() + 0.1f).ToArray();
            var norm = MathF.Sqrt(values.Sum(v => v * v));
            texts.Add(new SparseVector(ids, [.. values.Select(v => v / norm)]));
        }

        return texts;
    }

    [Fact]
    public void Train_WordFeaturesWithoutAGram_DecidesAsTheGramOne()
    {
        // Seventy rows span several blocks of the direct kernel; its word cosines go through an index of the rows holding each feature.
        var vectors = Around(21, 35, 1, -2).Concat(Around(22, 35, 2, 3)).ToList();
        var texts = Words(23, vectors.Count);
        var positive = vectors.Select((_, i) => i < 70 && i % 2 == 0).ToList();
        var weights = vectors.Select((_, i) => i % 4 == 0 ? 3f : 1f).ToList();
        var rows = Enumerable.Range(0, vectors.Count).Where(i => i % 7 != 3).ToList();
        var settings = new KernelMachine.Settings(Gamma: 2, Cost: 4, TextWeight: 0.5f);

        var gram = KernelMachine.Train(new KernelMachine.Gram(vectors, texts), rows, positive, weights, settings);
        var direct = KernelMachine.Train(vectors, texts, rows, positive, weights, settings);

        // The same up to the order the word cosines are summed in (the Gram matrix sums each feature's rows in another order).
        Assert.True(gram.UsesText);
        Assert.Equal(gram.SupportVectors, direct.SupportVectors);
        for (var i = 0; i < vectors.Count; i++) Assert.Equal(gram.Decision(vectors[i], texts[i]), direct.Decision(vectors[i], texts[i]), 1e-5);
    }

    [Fact]
    public void WithTexts_OtherWordFeatures_DecidesAsAGramBuiltWithThem()
    {
        // The pair machine's Gram matrix shares the vectors' cosines with the kernel machine's and reads its own word features.
        var vectors = Around(27, 30, 1, -1).Concat(Around(28, 30, 2, 3)).ToList();
        var words = Words(29, vectors.Count);
        var others = Words(30, vectors.Count);
        var positive = vectors.Select((_, i) => i % 3 == 0).ToList();
        var weights = vectors.Select(_ => 1f).ToList();
        var rows = Enumerable.Range(0, vectors.Count).Where(i => i % 5 != 1).ToList();
        var settings = new KernelMachine.Settings(Gamma: 1, Cost: 8, TextWeight: 0.5f);

        var shared = KernelMachine.Train(new KernelMachine.Gram(vectors, words).WithTexts(others), rows, positive, weights, settings);
        var own = KernelMachine.Train(new KernelMachine.Gram(vectors, others), rows, positive, weights, settings);
        var first = KernelMachine.Train(new KernelMachine.Gram(vectors, words), rows, positive, weights, settings);

        for (var i = 0; i < vectors.Count; i++) Assert.Equal(own.Decision(vectors[i], others[i]), shared.Decision(vectors[i], others[i]));
        Assert.Contains(Enumerable.Range(0, vectors.Count), i => Math.Abs(first.Decision(vectors[i], others[i]) - shared.Decision(vectors[i], others[i])) > 1e-3);
    }

    [Fact]
    public void Train_SomeRowsOfAKeptKernel_DecidesExactlyAsATrainingOfItsOwn()
    {
        var vectors = Around(24, 30, 1, -1).Concat(Around(25, 30, 2, -3)).ToList();
        var texts = Words(26, vectors.Count);
        var positive = vectors.Select((_, i) => i < 60).ToList();
        var weights = vectors.Select((_, i) => i % 3 == 0 ? 2f : 1f).ToList();
        var settings = new KernelMachine.Settings(Gamma: 1, Cost: 8, TextWeight: 0.5f);
        var store = new KernelMachine.KernelStore();
        var all = KernelMachine.Train(vectors, texts, [.. Enumerable.Range(0, vectors.Count)], positive, weights, settings, store);
        var fold = Enumerable.Range(0, vectors.Count).Where(i => i % 5 != 2).ToList();

        var fromStore = KernelMachine.Train(vectors, texts, fold, positive, weights, settings, store);
        var own = KernelMachine.Train(vectors, texts, fold, positive, weights, settings);

        Assert.Equal(1, store.Count);
        Assert.Equal(own.SupportVectors, fromStore.SupportVectors);
        for (var i = 0; i < vectors.Count; i++) Assert.Equal(own.Decision(vectors[i], texts[i]), fromStore.Decision(vectors[i], texts[i]));
        Assert.NotEqual(all.Decision(vectors[2], texts[2]), fromStore.Decision(vectors[2], texts[2]));
    }

    [Fact]
    public void Train_OtherSettingsThanAKeptKernel_BuildsAndKeepsItsOwn()
    {
        var vectors = Around(27, 20, 1, -1).Concat(Around(28, 20, 2, -3)).ToList();
        var positive = vectors.Select((_, i) => i < 40).ToList();
        var weights = vectors.Select(_ => 1f).ToList();
        var rows = Enumerable.Range(0, vectors.Count).ToList();
        var store = new KernelMachine.KernelStore();
        KernelMachine.Train(vectors, null, rows, positive, weights, new KernelMachine.Settings(Gamma: 1), store);

        var wider = KernelMachine.Train(vectors, null, rows.GetRange(0, 60), positive, weights, new KernelMachine.Settings(Gamma: 4), store);
        var own = KernelMachine.Train(vectors, null, rows.GetRange(0, 60), positive, weights, new KernelMachine.Settings(Gamma: 4));

        Assert.Equal(2, store.Count);
        foreach (var probe in Around(29, 5, 1, 2)) Assert.Equal(own.Decision(probe), wider.Decision(probe));
    }

    [Fact]
    public void Read_WrittenMachine_DecidesIdentically()
    {
        var machine = Train(Around(14, 20, 1, -1), Around(15, 20, 2, -2), settings: new KernelMachine.Settings(Gamma: 2, Cost: 10));
        var read = BinaryRoundTrip.Of(machine.Write, KernelMachine.Read);

        Assert.Equal(machine.SupportVectors, read.SupportVectors);
        foreach (var probe in Around(16, 10, 1, 2, -3)) Assert.Equal(machine.Decision(probe), read.Decision(probe));
    }

    [Fact]
    public void Read_DataOfNoMachine_Throws()
    {
        var bytes = new byte[64];
        Array.Fill(bytes, (byte)0xff);

        Assert.Throws<InvalidDataException>(() => KernelMachine.Read(new BinaryReader(new MemoryStream(bytes))));
    }
    [Fact]
    public void SupportPostingsDots_RandomWordFeatures_EqualEachMergedDotExactly()
    {
        var random = new Random(7);
        SparseVector Random(int features)
        {
            var ids = Enumerable.Range(0, 60).OrderBy(_ => random.Next()).Take(features).Order().ToArray();
            return new SparseVector(ids, [.. ids.Select(_ => (float)random.NextDouble())]);
        }

        var supports = Enumerable.Range(0, 40).Select(i => Random(i % 12)).ToArray();
        var postings = KernelMachine.SupportPostings.Of(supports);
        var dots = new float[supports.Length];
        foreach (var message in Enumerable.Range(0, 30).Select(i => Random(i % 15)).Append(SparseVector.Empty))
        {
            postings.Dots(message, dots);
            for (var s = 0; s < supports.Length; s++) Assert.Equal(message.Dot(supports[s]), dots[s]);
        }
    }
}

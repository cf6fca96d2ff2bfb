using TheoryLab.Experiments.SignalPropagation;
using TheoryLab.Kernel;
using TheoryLab.Models.MeanField;
using TheoryLab.Tests.Conformance;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.SignalPropagation;

[Collection(QuickRunsCollection.Name)]
public class TrainableDepthTests(QuickRuns runs)
{
    private readonly QuickRun run = runs["trainable-depth"];
    private static readonly TrainableDepth Experiment = new();

    [Fact]
    public void UnevenDepthGrid_IsRefusedWithWhatToChange()
    {
        var experiment = new TrainableDepth();
        var error = Assert.Throws<TheoryLabException>(() => experiment.Validate(experiment.Quick with { MaxDepth = 50, DepthPoints = 6 }));
        Assert.Contains("multiple of depth_points", error.Message);
    }

    [Fact]
    public void Quick_SixXiC_LiesWithinTheMeasuredTransitionOfEveryColumn()
    {
        // The transition of a σ_w² column runs from the deepest network within 10 % (of the span from chance to the grid's
        // best training accuracy) of the best, to the first deeper one within 10 % of chance; 6ξ_c is Schoenholz et al.'s
        // depth beyond which networks fail to train. Tolerance: one grid step either side, because the grid resolves depth
        // only to its spacing and one network's accuracy near the edge moves by several per cent with its seed, enough to
        // move an end of the transition by a step.
        var options = Experiment.Quick;
        double step = (double)options.MaxDepth / options.DepthPoints;
        var boundary = run.Result.Table("boundary");
        var sigmaW2 = boundary.Numbers("sigma_w2");
        var sixXiC = boundary.Numbers("six_xi_c");
        var from = boundary.Numbers("transition_from");
        var to = boundary.Numbers("transition_to");
        for (int i = 0; i < sigmaW2.Count; i++)
            Assert.True(from[i] - step <= sixXiC[i] && sixXiC[i] <= to[i] + step,
                $"σ_w² = {sigmaW2[i]}: 6ξ_c = {sixXiC[i]:F1} outside the measured transition [{from[i]}, {to[i]}] ± {step}");
        // The check means something only if most columns do fall to chance within the grid.
        Assert.True(to.Count(double.IsFinite) >= sigmaW2.Count / 2, $"only {to.Count(double.IsFinite)} of {sigmaW2.Count} columns reach chance");
    }

    [Fact]
    public void Quick_MeasuredTrainability_AgreesWithTheSixXiCRuleOnMostOfTheGrid()
    {
        // Misclassified points sit next to the boundary, one grid step to either side; with six depths per column, agreement on
        // at least 3/4 of the points leaves room for about one such point per column and excludes a rule that misses the shape.
        Assert.True(run.Result.Finding("agreement_fraction").Value >= 0.75, $"agreement {run.Result.Finding("agreement_fraction").Value:P1}");
        double multiple = run.Result.Finding("best_xi_c_multiple").Value;
        Assert.InRange(multiple, 3, 12);
    }

    [Theory]
    [InlineData(1.0, 0.05, 15)]
    [InlineData(4.0, 0.15, 12)]
    public void XiCOfTheTheoryCurve_AgreesWithTheMonteCarloDecayOfCorrelations(double sigmaW2, double delta, int depth)
    {
        // ξ_c of the curve (table "boundary") against the decay rate of the gap between two ensembles of input pairs in
        // width-500 float64 networks (CorrelationDecay): at σ_w² = 1 (ordered, ξ_c ≈ 3.6) pairs start 0.05 below c* = 1 and
        // the gap falls by e^4 over 15 layers; at σ_w² = 4 (chaotic, ξ_c ≈ 7) they start at c* ± 0.15 and it falls by e^1.7
        // over 12 layers. A pair's correlation fluctuates by about (1 − c*²)/√(N(1 − χ_c²)) ≈ 0.09 around c* at N = 500;
        // 128 pairs per ensemble and 6 networks bring the rate's standard error to a few per cent, and the check is 4 of them.
        var boundary = run.Result.Table("boundary");
        int row = boundary.Numbers("sigma_w2").ToList().FindIndex(s => Math.Abs(s - sigmaW2) < 1e-12);
        double xiC = boundary.Numbers("xi_c")[row];
        using var generator = new Generator(5);
        var (rate, error) = CorrelationDecay.Measure(new MlpSpec(Activations.Tanh, sigmaW2, 0.05, depth, 500), delta, 128, 6, generator);
        Assert.True(error < 0.1 * rate, $"standard error {error:G3} of the rate {rate:G4}");
        Assert.True(Math.Abs(rate - 1 / xiC) <= 4 * error, $"σ_w² = {sigmaW2}: Monte-Carlo rate {rate:G5} ± {error:G2}, 1/ξ_c = {1 / xiC:G5}");
    }
}

/// <summary>Reproducibility, on options far smaller than the quick ones.</summary>
public class TrainableDepthReproducibilityTests
{
    private static readonly TrainableDepthOptions Tiny =
        new TrainableDepth().Quick with { SigmaW2Min = 1, SigmaW2Max = 3, SigmaW2Points = 3, MaxDepth = 4, DepthPoints = 2, Width = 16, Steps = 300, LearningRate = 0.05 };

    [Fact]
    public void SameSeed_GivesTheSameAccuracies_WhateverTheThreads()
    {
        var one = new TrainableDepth().Run(Tiny with { Runtime = new() { Threads = 1 } }, new RunContext { Seed = 3 });
        var two = new TrainableDepth().Run(Tiny with { Runtime = new() { Threads = 2 } }, new RunContext { Seed = 3 });
        Assert.Equal(one.Table("accuracy").Numbers("train_accuracy"), two.Table("accuracy").Numbers("train_accuracy"));
        Assert.Equal(one.Table("accuracy").Numbers("test_accuracy"), two.Table("accuracy").Numbers("test_accuracy"));
        AssertSameLosses(one.Table("accuracy").Numbers("train_loss"), two.Table("accuracy").Numbers("train_loss"));
    }

    [Fact]
    public void APointsResult_DoesNotDependOnTheOtherSigmaW2OfTheGrid()
    {
        // σ_w² = 2 and 3 are trained beside {1} in one grid and beside {4} in the other: each network has its own seed and
        // all see batches in an order seeded by the depth alone, so their accuracies must not move.
        var low = new TrainableDepth().Run(Tiny, new RunContext { Seed = 3 }).Table("accuracy");
        var high = new TrainableDepth().Run(Tiny with { SigmaW2Min = 2, SigmaW2Max = 4 }, new RunContext { Seed = 3 }).Table("accuracy");
        int[] shared = [.. Enumerable.Range(0, low.RowCount).Where(r => low.Numbers("sigma_w2")[r] >= 2)];
        int[] same = [.. Enumerable.Range(0, high.RowCount).Where(r => high.Numbers("sigma_w2")[r] <= 3)];
        Assert.Equal(4, shared.Length);
        Assert.Equal(shared.Select(r => (low.Numbers("sigma_w2")[r], low.Numbers("depth")[r])), same.Select(r => (high.Numbers("sigma_w2")[r], high.Numbers("depth")[r])));
        foreach (var column in new[] { "train_accuracy", "test_accuracy" })
            Assert.Equal(shared.Select(r => low.Numbers(column)[r]), same.Select(r => high.Numbers(column)[r]));
        AssertSameLosses([.. shared.Select(r => low.Numbers("train_loss")[r])], [.. same.Select(r => high.Numbers("train_loss")[r])]);
        // The check means something only if training got somewhere: above chance (0.1) on some of the shared points.
        Assert.True(shared.Any(r => low.Numbers("train_accuracy")[r] > 0.2), $"train accuracies {string.Join(", ", shared.Select(r => low.Numbers("train_accuracy")[r]))}");
    }

    /// <summary>
    /// Losses agree to float32 rounding, not always bit for bit: in a long-lived process (this test host) libtorch's float32
    /// kernels were seen to round differently after a few runs, by about 1e-7 relative.
    /// </summary>
    private static void AssertSameLosses(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++) Assert.Equal(a[i], b[i], 1e-6 * a[i]);
    }
}

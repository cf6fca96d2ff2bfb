using TheoryLab.Experiments.Pruning;
using TheoryLab.Kernel;
using TheoryLab.Models.FullyConnected;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.Pruning;
using TheoryLab.Models.ReluCircuits;
using TheoryLab.Numerics.Fits;
using TheoryLab.Tests.Conformance;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Optimizers.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.Pruning;

/// <summary>
/// The sparse-approximation experiment against independent computations: the constructions' nonzero parameters against
/// a count by hand, f_m's error against its closed form by plain double evaluation at the points where it peaks, the
/// slope fit against exact power laws, masked weights against exact zero through the experiment's training, the
/// edge-of-chaos scaling against its variance and ReLU's χ₁, and the quick run's tables and findings against these.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class SparseApproximationTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["sparse-approximation"].Result;
    private static readonly SparseApproximationOptions Quick = new SparseApproximation().Quick;

    [Fact]
    public void SquareNetwork_HasEightNonzeroParametersPerLevel_AsCountedByHand()
    {
        // First map: three weights 1 and the bias −½; each further level: 2, −4 twice, −2/4^k, 4/4^k, 1 and the bias −½;
        // the output map: −2/4^m, 4/4^m, 1. So 4 + 8(m − 1) + 3 = 8m − 1.
        for (int m = 1; m <= 12; m++)
            Assert.Equal(8L * m - 1, YarotskyCircuits.Square(m).NonzeroParameters);
    }

    [Fact]
    public void PartitionNetworkOfOrderOne_ForXSquared_Has16NPlus10NonzeroParameters_AsCountedByHand()
    {
        // Order 1 is Σ_j f(j/N) φ_j: each of the N + 1 branches has six first-layer weights (four 3N for ψ, ±1 for t), six
        // biases (−3j + 2, −3j + 1, −3j − 1, −3j − 2, ∓j/N: two of them zero for j = 0), and four output weights a₀(1, −1, −1, 1)
        // with a₀ = (j/N)², zero for j = 0. So 6(N + 1) + 6N + 4 + 4N = 16N + 10.
        var square = SmoothTarget.Named("square", []);
        for (int cells = 1; cells <= 6; cells++)
            Assert.Equal(16L * cells + 10, YarotskyPartition.Build(square, cells, order: 1, levels: 1).Circuit.NonzeroParameters);
    }

    [Fact]
    public void SquareNetwork_ErrorPeaksAtTheMidpointsOfItsPieces_At2ToTheMinus2mMinus2()
    {
        for (int m = 1; m <= 12; m++)
        {
            var circuit = YarotskyCircuits.Square(m);
            int pieces = 1 << m;
            // f_m interpolates x² at k/2^m: the error is a parabola on each piece, largest at its midpoint.
            double worst = Enumerable.Range(0, pieces).Max(k =>
            {
                double x = (k + 0.5) / pieces;
                return Math.Abs(circuit.Evaluate(x) - x * x);
            });
            Assert.Equal(YarotskyCircuits.SquareError(m), worst, YarotskyCircuits.SquareError(m) * 1e-12);
        }
    }

    [Fact]
    public void QuickRun_SquareConstructionErrors_AreTheClosedForm_AndCountsAre8mMinus1()
    {
        var table = _result.Table("square-construction");
        for (int row = 0; row < table.RowCount; row++)
        {
            int m = (int)table.Numbers("parameter")[row];
            Assert.Equal(m, row + 1);
            Assert.Equal(8.0 * m - 1, table.Numbers("nonzero_parameters")[row]);
            Assert.Equal(Math.Pow(2, -2 * m - 2), table.Numbers("sup_error")[row], Math.Pow(2, -2 * m - 2) * 1e-12);
        }
        Assert.Equal(Quick.SquareLevels, table.RowCount);
        Assert.True(_result.Finding("square_error_deviation").Value < 1e-12);
        Assert.Equal(-0.25, _result.Finding("square_log2_error_per_parameter").Value, 1e-12);
    }

    [Fact]
    public void LogLogFit_OnExactPowerLaws_RecoversTheExponent()
    {
        double[] m = [10, 30, 100, 300, 1000, 10_000];
        foreach (double exponent in new[] { -1.0, -2.0, -2.5, -3.0 })
            Assert.Equal(exponent, LogLogFit.Slope(m, [.. m.Select(v => 3.7 * Math.Pow(v, exponent))]), 1e-12);
    }

    [Fact]
    public void QuickRun_Slopes_AreTheFitsOfTheirTables()
    {
        foreach (var (finding, table) in new[] { ("sin_partition_slope", "sin-construction"), ("sin_interpolant_slope", "sin-interpolant"), ("square_magnitude_slope", "square-magnitude") })
        {
            var rows = _result.Table(table);
            Assert.Equal(LogLogFit.Slope(rows.Numbers("nonzero_parameters"), rows.Numbers("sup_error")), _result.Finding(finding).Value, 1e-12);
        }
    }

    [Fact]
    public void QuickRun_SineInterpolant_Has3NMinus1Parameters_AndErrorApproaching_PiSquaredOver8NSquared()
    {
        // N first-layer weights 1, biases −k/N (zero for k = 0), N output weights (slope changes, none zero for sin(πx)),
        // output bias sin 0 = 0. The error of linear interpolation is at most max|f″| h²/8 = π²/(8N²), nearly reached on
        // the pieces beside x = ½ where |f″| = π² is largest.
        var table = _result.Table("sin-interpolant");
        for (int row = 0; row < table.RowCount; row++)
        {
            double n = table.Numbers("parameter")[row], bound = Math.PI * Math.PI / (8 * n * n);
            Assert.Equal(3 * n - 1, table.Numbers("nonzero_parameters")[row]);
            Assert.True(table.Numbers("sup_error")[row] <= bound * (1 + 1e-12));
        }
        double largest = table.Numbers("parameter")[^1];
        Assert.InRange(table.Numbers("sup_error")[^1] / (Math.PI * Math.PI / (8 * largest * largest)), 0.99, 1 + 1e-12);
    }

    [Fact]
    public void QuickRun_TrainedNetworks_KeepExactlyTheirBudgetOfNonzeroWeights()
    {
        int[] widths = [1, .. Quick.Hidden, 1];
        long dense = Enumerable.Range(0, widths.Length - 1).Sum(l => (long)widths[l] * widths[l + 1]);
        foreach (string table in new[] { "square-magnitude", "square-random", "sin-magnitude", "sin-random" })
        {
            var rows = _result.Table(table);
            for (int row = 0; row < rows.RowCount; row++)
                Assert.Equal(Math.Round(rows.Numbers("budget")[row] * dense), rows.Numbers("nonzero_weights")[row]);
        }
    }

    [Fact]
    public void MaskedWeights_StayExactlyZero_ThroughFullBatchAdamWithCosineDecay()
    {
        TorchRuntime.EnsureLoaded();
        using var generator = new Generator(7);
        using var network = new Mlp([1, 16, 16, 1], Activations.Relu, TorchDefaultInitialisation.Instance, generator, ScalarType.Float64);
        using var x = linspace(0, 1, 65, dtype: ScalarType.Float64).unsqueeze(1);
        using var y = x.Squared();
        using var full = PruningMask.Full(network);
        using var mask = MagnitudePruning.Global(full, network, 0.5);
        mask.Apply(network);
        var before = network.Layers.Select(l => l.weight!.detach().clone()).ToArray();
        using var optimizer = new MaskedOptimizer(new Adam(new CosineStep(3e-3, 200)), mask, network);
        var problem = new Problem(network, new TensorBatches(x, y, 65, shuffle: false), (model, batch) => nn.functional.mse_loss(model.forward(batch.Inputs), batch.Targets!));
        Trainer.Train(problem, optimizer, 200, []);
        int moved = 0;
        for (int l = 0; l < mask.Layers; l++)
        {
            var keep = mask.Keep[l].flatten().data<double>().ToArray();
            var after = network.Layers[l].weight!.detach().flatten().data<double>().ToArray();
            var start = before[l].flatten().data<double>().ToArray();
            for (int i = 0; i < keep.Length; i++)
                if (keep[i] == 0) Assert.Equal(0.0, after[i]);
            moved += Enumerable.Range(0, keep.Length).Count(i => keep[i] == 1 && after[i] != start[i]);
        }
        // Training did happen: kept weights moved (a layer's kept weights may all sit on dead units and stay).
        Assert.True(moved > 0);
    }

    [Fact]
    public void VariancePreservingMask_ScalesKeptWeightsByOneOverRootP_KeepingTheVarianceOfSparseWeights()
    {
        TorchRuntime.EnsureLoaded();
        const int width = 1000;
        using var generator = new Generator(11);
        using var network = new Mlp([width, width], Activations.Relu, new MeanFieldInitialisation(WeightDistribution.Gaussian, SparseApproximation.EdgeOfChaosSigmaW2, 0),
            generator, ScalarType.Float64);
        using var before = network.Layers[0].weight!.detach().clone();
        using var full = PruningMask.Full(network);
        using var tenth = MagnitudePruning.Global(full, network, 0.9);
        using var mask = RandomPruning.SameCounts(tenth, generator);
        Assert.Equal(width * width / 10, mask.TotalRemaining);
        mask.ApplyVariancePreserving(network);
        using var keep = mask.Keep[0].to_type(ScalarType.Float64);
        using var rescale = Math.Sqrt(10.0).ToScalar();
        using var expected = before.mul(keep).mul(rescale);
        Assert.True(network.Layers[0].weight!.detach().eq(expected).all().AsBoolean());
        // Every entry, kept or not, has variance σ_w²/fan-in, as for SparseWeights: the standard error of this mean of
        // 10⁶ squares is √((3/p − 1)/10⁶) ≈ 0.5 % of it.
        double variance = network.Layers[0].weight!.detach().Squared().mean().AsDouble();
        Assert.Equal(SparseApproximation.EdgeOfChaosSigmaW2 / width, variance, 0.03 * SparseApproximation.EdgeOfChaosSigmaW2 / width);
        using var sparse = new SparseWeights(0.1).Draw(width, width, SparseApproximation.EdgeOfChaosSigmaW2, null, generator);
        Assert.Equal(sparse.Squared().mean().AsDouble(), variance, 0.05 * SparseApproximation.EdgeOfChaosSigmaW2 / width);
    }

    [Fact]
    public void EdgeOfChaosSigmaW2_IsWhereReluChi1IsOne_AtEveryLength()
    {
        var maps = new MeanFieldMaps(Activations.Relu, SparseApproximation.EdgeOfChaosSigmaW2, 0);
        foreach (double q in new[] { 0.1, 1, 7 })
            Assert.Equal(1, maps.Chi1At(q), 1e-9);
    }
}

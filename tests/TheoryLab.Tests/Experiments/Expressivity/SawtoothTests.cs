using TheoryLab.Experiments.Expressivity;
using TheoryLab.Figures;
using TheoryLab.Kernel;
using TheoryLab.Models.PiecewiseLinear;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Expressivity;

[Collection(QuickRunsCollection.Name)]
public class SawtoothTests(QuickRuns runs)
{
    private static readonly Sawtooth Experiment = new();

    private readonly ExperimentResult _result = runs["sawtooth"].Result;
    private readonly SawtoothOptions _options = Experiment.Quick;

    [Fact]
    public void Quick_LinearPieces_AreTwoToTheDepth()
    {
        var pieces = _result.Finding("linear_pieces");
        Assert.Equal(1 << _options.Depth, pieces.Value);
        Assert.Equal(pieces.Expected, pieces.Value);
        var table = _result.Table("pieces-vs-depth");
        Assert.Equal(table.Numbers("theory"), table.Numbers("measured"));
    }

    [Fact]
    public void Quick_TorchModule_ComputesTheIteratedTentMap()
    {
        Assert.True(_result.Finding("deep_torch_max_deviation").Value <= 1e-12);
        Assert.Equal(6 * _options.Depth + 1, _result.Finding("deep_parameters").Value);
    }

    [Fact]
    public void Quick_RandomNetworks_StayWithinTheirBound()
    {
        var table = _result.Table("pieces-vs-depth");
        foreach (int width in _options.RandomWidths)
        {
            var max = table.Numbers($"random_max_w{width}");
            for (int j = 0; j < max.Count; j++) Assert.True(max[j] <= Math.Pow(2 * width, j + 1));
        }
    }

    [Fact]
    public void Quick_ShallowExactWidth_IsTheNumberOfPieces()
    {
        var exact = _result.Finding("shallow_exact_width");
        Assert.Equal(1 << _options.Depth, exact.Value);
        Assert.Equal(exact.Expected, exact.Value);
    }

    [Fact]
    public void Quick_ShallowErrors_FallWithWidth_AndNeverBeatTheLowerBound()
    {
        var shallow = _result.Table("shallow");
        var found = shallow.Numbers("best_found");
        var bound = shallow.Numbers("lower_bound");
        var trained = shallow.Numbers("trained");
        for (int i = 0; i < found.Count; i++)
        {
            Assert.True(found[i] >= bound[i] - 1e-12, $"row {i}: found {found[i]} below bound {bound[i]}");
            Assert.True(trained[i] >= bound[i] - 1e-12, $"row {i}: trained {trained[i]} below bound {bound[i]}");
            if (i > 0) Assert.True(found[i] <= found[i - 1] + 1e-15);
        }
        Assert.Equal(0.25, found[0], 0.02);
    }

    [Fact]
    public void Quick_WidthFindings_AreConsistentWithTheBound()
    {
        double found = _result.Finding("shallow_width_at_error").Value;
        double bound = _result.Finding("shallow_width_bound_at_error").Value;
        Assert.True(found >= bound);
        Assert.Equal(3 * found + 1, _result.Finding("shallow_parameters_at_error").Value);
        Assert.True(_result.Finding("shallow_error_at_deep_parameters").Value >= _result.Finding("shallow_error_bound_at_deep_parameters").Value);
    }

    [Fact]
    public void Quick_TrainedFamilies_StayWithinTheLayerwiseBound_WhichIsWithinTelgarskys()
    {
        foreach (int k in _options.FamilyK)
        {
            var table = _result.Table($"family-k{k}");
            for (int i = 0; i < table.RowCount; i++)
            {
                Assert.True(table.Numbers("deep_pieces_trained_max")[i] <= table.Numbers("deep_layerwise_bound")[i]);
                Assert.True(table.Numbers("deep_layerwise_bound")[i] <= table.Numbers("deep_telgarsky_bound")[i]);
                // One hidden layer: at most m + 1 pieces, which is Π(m_l + 1) for l = 1.
                Assert.True(table.Numbers("shallow_pieces_trained_max")[i] <= table.Numbers("shallow_width")[i] + 1);
                Assert.Equal(table.Numbers("shallow_width")[i] + 1, table.Numbers("shallow_layerwise_bound")[i]);
            }
        }
        var within = _result.Finding("trained_pieces_within_layerwise_bound");
        Assert.Equal(within.Expected, within.Value);
    }

    [Fact]
    public void Quick_TrainedShallowNetworks_NeverBeatTheProvenLowerBound_AndTheBudgetsMatch()
    {
        foreach (int k in _options.FamilyK)
        {
            var table = _result.Table($"family-k{k}");
            for (int i = 0; i < table.RowCount; i++)
            {
                Assert.True(table.Numbers("shallow_error")[i] >= table.Numbers("shallow_lower_bound")[i] - 1e-12);
                // Equal budgets up to the 3 parameters of one shallow unit (rounding m to an integer).
                Assert.InRange(Math.Abs(table.Numbers("shallow_parameters")[i] - table.Numbers("deep_parameters")[i]), 0, 1.5);
            }
        }
    }

    [Fact]
    public void Quick_AtEqualParameters_TheDeepFamilyRepresentsDelta6_FarBelowEveryShallowNetwork()
    {
        // 2 layers of 8 units (97 parameters) hold Δ⁶ = Δ³∘Δ³ exactly, by exact enumeration; every one-hidden-layer
        // network of width 32 (97 parameters) has mean error at least ¼(1 − 1.5·33/64) = 0.057 (pair bound). The margin
        // of depth at k = 6 is therefore 0.057 in representation — whatever training finds.
        var table = _result.Table("family-k6");
        Assert.Equal(97, table.Numbers("deep_parameters")[0]);
        Assert.Equal(0, table.Numbers("deep_constructed_error")[0], 12);
        Assert.Equal(0.25 * (1 - 1.5 * 33 / 64), table.Numbers("shallow_lower_bound")[0], 12);
        Assert.True(_result.Finding("representation_margin_k6").Value >= 0.05);
    }

    [Fact]
    public void Quick_DeepNetworksAtInitialisation_HaveFewerBreakpointsPerNeuronThanHaninRolnicksBound()
    {
        // The bound C_grad·C_bias·|L| = 2/(σ_b√π) ≈ 1.13 is on the mean; the quick run's deep networks average about
        // 0.4 per neuron, so sampling noise over its few networks leaves a wide margin. (Shallow networks cannot exceed
        // m/m = 1 < 1.13 at all, so only the deep ones test the bound.)
        var deep = _result.Finding("deep_breakpoints_per_neuron_init");
        Assert.Equal(2 / (_options.BiasStd * Math.Sqrt(Math.PI)), deep.Expected!.Value, 12);
        Assert.True(deep.Value <= deep.Expected.Value, $"{deep.Value} breakpoints per neuron exceed the bound {deep.Expected}");
    }

    [Fact]
    public void HaninRolnickBound_HoldsForTheMeanOfManyRandomDeepNetworks()
    {
        // Monte Carlo over 400 networks of 4 layers of 8 units (32 neurons) at the families' initialisation: the mean
        // exact count of breakpoints on [0, 1] must stay below C_grad·C_bias·|L|·N. The standard error of the mean is
        // below 0.5 breakpoints (counts spread by a few), far less than the gap to the bound (36).
        var random = new Random(3);
        double mean = Enumerable.Range(0, 400)
            .Select(_ => LinearPieces.Count(ReluNetwork.RandomCentred([8, 8, 8, 8], 1, 0, 1, random), 0, 1) - 1.0).Average();
        Assert.True(mean <= SawtoothFamilies.BreakpointsPerNeuronBound(1) * 32, $"mean breakpoints {mean}");
        Assert.True(mean >= 1, "a random 4 × 8 network has breakpoints in the interval");
    }

    [Fact]
    public void Quick_Figures_DrawFromTheResultsTables()
    {
        string directory = Directory.CreateTempSubdirectory("sawtooth-figures").FullName;
        try
        {
            Assert.Equal(["pieces-vs-depth", "sawtooth-fits", "error-vs-parameters", "error-vs-width", "trained-error-vs-parameters", "trained-pieces"],
                _result.Figures.Select(f => f.Name));
            foreach (var figure in _result.Figures)
            {
                string path = Path.Combine(directory, figure.Name + ".png");
                PngRenderer.Save(figure, _result.Tables, path);
                Assert.True(new FileInfo(path).Length > 10_000);
                string tikz = PgfWriter.Write(figure, _result.Tables).Text;
                Assert.Contains(@"\addplot", tikz);
                // pdflatex reads ASCII: every Δᵏ, (2m)ˡ and × of the labels must have become LaTeX.
                Assert.DoesNotContain(tikz, c => c > 127);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Validate_BackwardsInterval_SaysWhatToChange()
    {
        var e = Assert.Throws<TheoryLabException>(() => Experiment.Validate(_options with { IntervalStart = 0.8, IntervalEnd = 0.2 }));
        Assert.Contains("interval_start (0.8) must be below interval_end (0.2)", e.Message);
    }

    [Fact]
    public void Validate_ShallowComparisonAtGreatDepth_SuggestsCountingPiecesOnly()
    {
        var e = Assert.Throws<TheoryLabException>(() => Experiment.Validate(_options with { Depth = 12 }));
        Assert.Contains("shallow_comparison=false", e.Message);
        Experiment.Validate(_options with { Depth = 30, ShallowComparison = false });
    }

    [Fact]
    public void Run_WithoutShallowComparison_CountsPiecesOnASubinterval()
    {
        var options = new SawtoothOptions { Depth = 14, IntervalStart = 0.25, IntervalEnd = 0.6, ShallowComparison = false, RandomNets = 2, FamilyK = [] };
        var result = Experiment.Run(options, RunContext.Default);
        var pieces = result.Finding("linear_pieces");
        Assert.Equal(TentMap.PieceCount(14, 0.25, 0.6), pieces.Value);
        Assert.Equal(pieces.Expected, pieces.Value);
        Assert.Single(result.Figures);
    }

    [Fact]
    public void Run_WithTheSameSeed_GivesTheSameFindings()
    {
        var options = _options with { ShallowWidths = [2, 8], TrainSteps = 40, RandomNets = 3 };
        var context = new RunContext { Seed = 7 };
        var first = Experiment.Run(options, context).Findings;
        var second = Experiment.Run(options, context).Findings;
        Assert.Equal(first.Select(f => (f.Name, f.Value)), second.Select(f => (f.Name, f.Value)));
    }

    [Fact]
    [Trait("Category", "Reproduction")]
    public void Defaults_ReproduceTelgarskysSeparation()
    {
        var experiment = new Sawtooth();
        var result = experiment.Run(experiment.Defaults, RunContext.Default);
        Assert.Equal(32, result.Finding("linear_pieces").Value);
        Assert.Equal(32, result.Finding("shallow_exact_width").Value);
        // With the deep network's 31 parameters a shallow network (width 10) stays far from Δ⁵: at least the bound.
        Assert.True(result.Finding("shallow_error_at_deep_parameters").Value >= 0.12);
    }

    [Fact]
    [Trait("Category", "Reproduction")]
    public void LinearPieces_OfTentMapComposed30Times_Is2ToThe30()
    {
        Assert.Equal(1L << 30, LinearPieces.Count(TentMap.Network(30), 0, 1));
    }
}

using TheoryLab.Data;
using TheoryLab.Experiments.SignalPropagation;
using TheoryLab.Kernel;
using TheoryLab.Tests.Data;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.SignalPropagation;

[Collection(QuickRunsCollection.Name)]
public class GlorotInitTests(QuickRuns runs)
{
    private readonly QuickRun run = runs["glorot-init"];
    private static readonly GlorotInit Experiment = new();

    private static readonly string[] Columns = ["tanh_standard", "softsign_standard", "tanh_normalised", "softsign_normalised"];

    [Theory]
    [InlineData("activation")]
    [InlineData("gradient")]
    public void Quick_VarianceRatiosAcrossLayers_StayBelowTheLinearTheory(string kind)
    {
        // |φ(u)| ≤ |u| and |φ′(u)| ≤ 1 for tanh and softsign, so each layer can only shrink a variance below the linear
        // regime's n Var[W] factor: the measured ratio is at most the linear product, up to the sampling error of one
        // width-200 network (a few per cent; 10 % allowed).
        foreach (var column in Columns)
        {
            var finding = run.Result.Finding($"{kind}_variance_ratio_{column}");
            Assert.True(finding.Value <= 1.1 * finding.Expected!.Value, $"{finding.Name}: {finding.Value:G4} above the linear theory {finding.Expected:G4}");
            Assert.True(finding.Value > 0);
        }
    }

    [Fact]
    public void Quick_StandardInit_ShrinksBackPropagatedGradientsTowardTheInputFarMoreThanNormalisedInit()
    {
        // Linear theory: 3⁻⁴ ≈ 0.012 against 1 over the four hidden layers; a factor of 5 leaves ample room for the
        // nonlinearity, which shrinks both.
        foreach (var activation in new[] { "tanh", "softsign" })
        {
            double standard = run.Result.Finding($"gradient_variance_ratio_{activation}_standard").Value;
            double normalised = run.Result.Finding($"gradient_variance_ratio_{activation}_normalised").Value;
            Assert.True(standard < normalised / 5, $"{activation}: standard {standard:G3}, normalised {normalised:G3}");
        }
    }

    [Fact]
    public void Quick_Histograms_AreFractionsThatSumToOne()
    {
        foreach (var table in run.Result.Tables.Where(t => t.Name.Contains("histogram")))
        {
            var totals = table.ColumnNames.Where(c => c.StartsWith("layer_", StringComparison.Ordinal)).Select(c => table.Numbers(c).Sum()).ToArray();
            Assert.All(totals, total => Assert.InRange(total, 0, 1 + 1e-12));
            // Activations all lie in (−1, 1); gradient histograms span the range that holds 99.9 % of all layers' values together.
            Assert.InRange(totals.Average(), table.Name.StartsWith("activation", StringComparison.Ordinal) ? 1 - 1e-12 : 0.999 - 1e-12, 1 + 1e-12);
        }
    }

    [Fact]
    public void Quick_EveryRunLearns()
    {
        var curves = run.Result.Table("test-error-mnist1d");
        foreach (var column in Columns)
        {
            var error = curves.Numbers(column);
            Assert.InRange(error[0], 0.8, 0.95);
            Assert.True(error[^1] < 0.85 * error[0], $"{column}: test error {error[0]:P1} → {error[^1]:P1}");
        }
    }

    [SharedDataFact("mnist/t10k-images-idx3-ubyte.gz")]
    public void TrainsOnMnistTestSplit_WithItsFlattenedImages()
    {
        var context = new RunContext { Data = new DataStore(SharedDatasets.Root!) { Downloads = false } };
        var tiny = Experiment.Quick with { Datasets = ["mnist-t10k"], Activations = ["tanh"], Width = 32, HistogramExamples = 50, Steps = 200, Evaluations = 1 };
        var result = Experiment.Run(tiny, context);
        // 784 inputs into 32 units: the standard init's first layer keeps a third of the input variance, the normalised one 2·784/816.
        var variance = result.Table("activation-variance");
        Assert.Equal(variance.Numbers("theory_standard")[0] * 3 * 2 * 784 / 816, variance.Numbers("theory_normalised")[0], 12);
        Assert.True(result.Finding("test_error_mnist_t10k_tanh_normalised").Value < 0.5);
    }
}

/// <summary>Reproducibility, on options far smaller than the quick ones.</summary>
public class GlorotInitReproducibilityTests
{
    [Fact]
    public void SameSeed_GivesTheSameNumbers_WhateverTheThreads()
    {
        var tiny = new GlorotInit().Quick with { Width = 16, HiddenLayers = 2, HistogramExamples = 20, Steps = 20, Evaluations = 2 };
        var one = new GlorotInit().Run(tiny with { Runtime = new() { Threads = 1 } }, new RunContext { Seed = 4 });
        var two = new GlorotInit().Run(tiny with { Runtime = new() { Threads = 2 } }, new RunContext { Seed = 4 });
        Assert.Equal(one.Findings.Select(f => f.Value), two.Findings.Select(f => f.Value));
    }
}

using TheoryLab.Data;
using TheoryLab.Experiments.Visualization;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Tests.Conformance;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.Visualization;

/// <summary>
/// The quick run against a second computation: baseA, baseB and three transferred networks retrained here from the
/// run's seeds through the public pieces alone (class subsets, the perceptron, layer transfer, Adam) give the run's
/// accuracies exactly; and the findings recomputed from the per-seed tables by their definitions.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class TransferTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["transfer"].Result;
    private static readonly TransferOptions Quick = new Transfer().Quick;

    private static double Accuracy(nn.Module<Tensor, Tensor> network, ClassificationSets sets, string batchPurpose)
    {
        var batches = sets.TrainingBatches(Quick.BatchSize, Seeds.Derive(0, batchPurpose));
        using var adam = new Adam(Quick.LearningRate);
        return ClassificationRecipe.Train(network, sets, batches, adam, Quick.Epochs * batches.BatchesPerEpoch, new SortedSet<long>()).Final.Test.Accuracy;
    }

    private static nn.Module<Tensor, Tensor> Build(string purpose)
    {
        using var generator = new Generator((ulong)Seeds.Derive(0, purpose));
        return Perceptron.Classifier("check", [1, 28, 28], Quick.Hidden, 5, Activations.Relu).Build(generator);
    }

    private double PerSeed(string column, int n, int seed)
    {
        var table = _result.Table("transfer-per-seed");
        int row = Enumerable.Range(0, table.RowCount).Single(r => table.Numbers("layers_copied")[r] == n && table.Numbers("seed")[r] == seed);
        return table.Numbers(column)[row];
    }

    [Fact]
    public void BaseNetworksAndTransfers_RetrainedFromTheRunsSeedsThroughPublicPieces_GiveTheRunsAccuraciesExactly()
    {
        TorchRuntime.EnsureLoaded();
        Assert.Equal("halves", Quick.Split);
        using var threads = IntraOpThreads.Use(1);
        var data = Datasets.Load(Quick.Dataset, QuickRuns.Data, 0);
        var setsA = new ClassificationSets(data.OfClasses([0, 1, 2, 3, 4]));
        var setsB = new ClassificationSets(data.OfClasses([5, 6, 7, 8, 9]));
        var bases = _result.Table("base-networks");

        using var baseA = Build("A net 0");
        Assert.Equal(bases.Numbers("base_a_accuracy")[0], Accuracy(baseA, setsA, "A batches 0"));
        using var baseB = Build("B net 0");
        Assert.Equal(bases.Numbers("base_b_accuracy")[0], Accuracy(baseB, setsB, "B batches 0"));

        int top = Quick.Hidden.Length;
        foreach (var (source, n, frozen, column) in new[] { (baseB, 1, true, "bnb_accuracy"), (baseA, top, true, "anb_accuracy"), (baseA, 2, false, "anb_plus_accuracy") })
        {
            using var network = Build("B net 0");
            LayerTransfer.CopyFirst(source, network, n, frozen);
            Assert.Equal(PerSeed(column, n, 0), Accuracy(network, setsB, "B batches 0"));
        }
    }

    [Fact]
    public void Findings_AreTheirDefinitionsAppliedToThePerSeedTables()
    {
        var bases = _result.Table("base-networks").Numbers("base_b_accuracy");
        double baseB = bases.Average(), lowest = bases.Min();
        int top = Quick.Hidden.Length, seeds = Quick.Seeds;
        double Mean(string column, int n) => Enumerable.Range(0, seeds).Average(s => PerSeed(column, n, s));
        var layers = Enumerable.Range(1, top).ToArray();

        Assert.Equal(baseB, _result.Finding("base_b_accuracy").Value, 15);
        int hurts = layers.FirstOrDefault(n => Enumerable.Range(0, seeds).All(s => PerSeed("anb_accuracy", n, s) < lowest));
        var hurtsFinding = _result.Finding("anb_hurts_from_layer");
        if (hurts == 0) Assert.Equal(FindingOutcome.NotReached, hurtsFinding.Outcome);
        else Assert.Equal(hurts, hurtsFinding.Value);
        Assert.Equal(layers.MinBy(n => Mean("anb_accuracy", n)), _result.Finding("anb_worst_layer").Value);
        Assert.Equal(baseB - Mean("anb_accuracy", top), _result.Finding("anb_drop_top").Value, 12);
        int dip = layers.MaxBy(n => baseB - Mean("bnb_accuracy", n));
        Assert.Equal(dip, _result.Finding("bnb_dip_layer").Value);
        Assert.Equal(baseB - Mean("bnb_accuracy", dip), _result.Finding("bnb_dip").Value, 12);
        Assert.Equal(layers.Average(n => Mean("bnb_plus_accuracy", n)) - baseB, _result.Finding("bnb_plus_gap").Value, 12);
        Assert.Equal(layers.Average(n => Mean("anb_plus_accuracy", n)) - baseB, _result.Finding("anb_plus_gain").Value, 12);
        Assert.Equal(layers.Min(n => Mean("anb_plus_accuracy", n)) - baseB, _result.Finding("anb_plus_gain_min").Value, 12);
        Assert.Equal(Mean("anb_plus_accuracy", top) - Mean("anb_accuracy", top), _result.Finding("anb_plus_recovery_top").Value, 12);
    }

    [Fact]
    public void RandomSplit_TakesTheHalvesOfTheSeedsPermutationOfTheTenDigits()
    {
        TorchRuntime.EnsureLoaded();
        var options = Quick with { Split = "random", Hidden = [4], Epochs = 1, Seeds = 1 };
        var result = new Transfer().Run(options, new RunContext { Seed = 7, Data = QuickRuns.Data });
        int[] order = new Random(Seeds.Derive(7, "class split")).Permutation(10);
        string Digits(IEnumerable<int> classes) => $"digits {string.Join(", ", classes.Order())}";
        Assert.Contains(Digits(order[..5]), result.Finding("base_a_accuracy").Meaning);
        Assert.Contains(Digits(order[5..]), result.Finding("base_b_accuracy").Meaning);
        Assert.NotEqual([0, 1, 2, 3, 4], order[..5].Order());
    }

    [Fact]
    public void NoHiddenLayer_IsRefusedByTheOptionsRange()
    {
        var error = Assert.Throws<TheoryLabException>(() => new Transfer().Validate(Quick with { Hidden = [] }));
        Assert.Contains("option 'hidden'", error.Message);
        Assert.Contains("out of range", error.Message);
    }
}

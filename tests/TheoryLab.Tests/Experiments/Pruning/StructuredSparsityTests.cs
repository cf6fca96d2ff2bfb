using TheoryLab.Data;
using TheoryLab.Experiments.Pruning;
using TheoryLab.Kernel;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.Pruning;
using TheoryLab.Tests.Conformance;
using TheoryLab.Torch;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.Pruning;

/// <summary>
/// The quick run against a second computation: the dense network, its global magnitude pruning and its neuron pruning
/// (and the dense network trained as long as the fine-tuning) retrained here from the run's seeds through the public pieces alone give the run's accuracies exactly; every
/// compressed network's weights, parameters and multiply-adds follow from its structure by hand and meet its budget;
/// and the findings are their definitions applied to the tables.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class StructuredSparsityTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["structured-sparsity"].Result;
    private static readonly StructuredSparsityOptions Quick = new StructuredSparsity().Quick;
    private const long DenseWeights = 784 * 300 + 300 * 100 + 100 * 10;

    private static double FineTune(nn.Module<Tensor, Tensor> network, PruningMask? mask, ClassificationSets sets, string batches, int steps)
    {
        var source = sets.TrainingBatches(Quick.BatchSize, Seeds.Derive(0, batches));
        using IOptimizer optimizer = mask is null ? new Adam(Quick.LearningRate) : new MaskedOptimizer(new Adam(Quick.LearningRate), mask, network);
        return ClassificationRecipe.Train(network, sets, source, optimizer, steps, new SortedSet<long>()).Final.Test.Accuracy;
    }

    [Fact]
    public void DenseUnstructuredAndNeuronNetworks_RetrainedThroughPublicPieces_GiveTheRunsAccuraciesExactly()
    {
        TorchRuntime.EnsureLoaded();
        Assert.Equal([300, 100], Quick.Hidden);
        using var threads = IntraOpThreads.Use(1);
        var data = Datasets.Load(Quick.Dataset, QuickRuns.Data, 0);
        var sets = new ClassificationSets(data, asVectors: true);
        var spec = Perceptron.Classifier("check", [784], Quick.Hidden, 10, Activations.Relu);
        nn.Module<Tensor, Tensor> Initial()
        {
            using var generator = new Generator((ulong)Seeds.Derive(0, "network 0"));
            return spec.Build(generator);
        }
        using var dense = Initial();
        Assert.Equal(_result.Table("dense").Numbers("compressed_accuracy")[0], FineTune(dense, null, sets, "batches 0", Quick.Iterations));

        using (var pruned = Initial())
        {
            using (no_grad())
                foreach (var (to, from) in pruned.parameters().Zip(dense.parameters())) to.copy_(from);
            using var full = PruningMask.Full(pruned);
            using var mask = MagnitudePruning.Global(full, pruned, 0.5);
            mask.Apply(pruned);
            Assert.Equal(_result.Table("unstructured").Numbers("accuracy")[0], FineTune(pruned, mask, sets, "fine-tuning batches 0", Quick.FineTuneIterations));
        }

        var neurons = _result.Table("neurons");
        int[] widths = [.. neurons.Texts("structure")[1].Split('-').Select(int.Parse)];
        using var shrunk = NeuronPruning.Shrink(spec, dense, widths);
        Assert.Equal(neurons.Numbers("accuracy")[1], FineTune(shrunk.Network, null, sets, "fine-tuning batches 0", Quick.FineTuneIterations));
        Assert.Equal(_result.Table("dense").Numbers("accuracy")[0], FineTune(dense, null, sets, "fine-tuning batches 0", Quick.FineTuneIterations));
    }

    [Fact]
    public void EveryCompression_CountsAsItsStructureSays_AndMeetsItsBudget()
    {
        var budgets = Quick.Budgets.OrderDescending().ToArray();
        foreach (var (method, biases) in new[] { ("unstructured", 410L), ("n-of-m", 410L), ("neurons", -1L), ("low-rank", 410L) })
        {
            var table = _result.Table(method);
            for (int row = 0; row < table.RowCount; row++)
            {
                double budget = table.Numbers("budget_percent")[row] / 100;
                string structure = table.Texts("structure")[row];
                long weights = method switch
                {
                    "unstructured" => DenseWeights - (long)Math.Round((1 - budget) * DenseWeights),
                    "n-of-m" => DenseWeights * int.Parse(structure.Split(':')[0]) / int.Parse(structure.Split(':')[1]),
                    "neurons" => Hand(structure, (w) => 784L * w[0] + w[0] * w[1] + w[1] * 10L),
                    _ => Hand(structure, r => r[0] * (784L + 300) + r[1] * (300L + 100) + 100 * 10),
                };
                long layerBiases = biases >= 0 ? biases : Hand(structure, w => w[0] + w[1] + 10);
                Assert.Equal(weights, table.Numbers("weights")[row]);
                Assert.Equal(weights, table.Numbers("multiply_adds")[row]);
                Assert.Equal(weights + layerBiases, table.Numbers("parameters")[row]);
                Assert.True(Math.Abs((double)weights / DenseWeights - budget) < 0.01, $"{method} at {budget}: {weights} weights of {DenseWeights}");
            }
        }
        Assert.Equal(["2:4", "1:4"], _result.Table("n-of-m").Texts("structure"));
        Assert.Equal(budgets.Select(b => 100 * b), _result.Table("low-rank").Numbers("budget_percent"));
    }

    private static long Hand(string structure, Func<long[], long> count) => count([.. structure.Split('-').Select(long.Parse)]);

    [Fact]
    public void Findings_AreTheirDefinitionsAppliedToTheTables()
    {
        var dense = _result.Table("dense");
        Assert.Equal(dense.Numbers("compressed_accuracy")[0], _result.Finding("dense_accuracy").Value);
        Assert.Equal(dense.Numbers("accuracy")[0], _result.Finding("dense_fine_tuned_accuracy").Value);
        foreach (var (table, name) in new[] { ("unstructured", "unstructured"), ("n-of-m", "n_of_m"), ("neurons", "neurons"), ("low-rank", "low_rank") })
        {
            var rows = _result.Table(table);
            for (int row = 0; row < rows.RowCount; row++)
            {
                string prefix = $"{name}_{rows.Numbers("budget_percent")[row]:0.#}";
                Assert.Equal(rows.Numbers("accuracy")[row], _result.Finding($"{prefix}_accuracy").Value);
                Assert.Equal(dense.Numbers("multiply_adds")[0] / rows.Numbers("multiply_adds")[row], _result.Finding($"{prefix}_multiply_add_reduction").Value, 12);
                Assert.Equal(dense.Numbers("forward_ms")[0] / rows.Numbers("forward_ms")[row], _result.Finding($"{prefix}_speedup").Value, 9);
                Assert.True(_result.Finding($"{prefix}_speedup").MachineDependent);
            }
        }
    }
}

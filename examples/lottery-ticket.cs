#:project ../src/TheoryLab/TheoryLab.csproj

// The lottery ticket through the library: run the experiment (quick options unless "full" is passed) and print its
// findings, then prune by hand with TheoryLab.Models.Pruning: a small perceptron is trained, its smallest 80 % of
// weights in each layer are removed, the survivors are rewound to their initial values and retrained with masked
// Adam, which keeps the pruned weights exactly zero.
using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.Pruning;
using TheoryLab.Runs;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("lottery-ticket");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-lottery-ticket" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-40} {f.Value,12:G5} {f.Unit,-10}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

var sets = new ClassificationSets(Datasets.Load("mnist-t10k", DataStore.Default, seed: 0));
var spec = Perceptron.Classifier("784-100-10", [1, 28, 28], [100], 10, Activations.Relu);
double Train(nn.Module<Tensor, Tensor> network, PruningMask mask)
{
    var batches = sets.TrainingBatches(60, seed: 1);
    using var adam = new MaskedOptimizer(new Adam(1.2e-3), mask, network);
    return ClassificationRecipe.Train(network, sets, batches, adam, 3 * batches.BatchesPerEpoch, new SortedSet<long>()).Final.Test.Accuracy;
}
using var generator = new Generator(1);
using var network = spec.Build(generator);
using var initial = WeightSnapshot.Take(network);
using var dense = PruningMask.Full(network);
Console.WriteLine($"dense, {dense.TotalRemaining:N0} weights: {Train(network, dense):P2} held-out accuracy");
using var ticket = MagnitudePruning.Layerwise(dense, network, [0.8, 0.4]);
initial.Restore(network);
ticket.Apply(network);
Console.WriteLine($"ticket, {ticket.TotalRemaining:N0} weights ({ticket.Fraction:P1}): {Train(network, ticket):P2}");

#:project ../src/TheoryLab/TheoryLab.csproj

// Transfer of lower layers through the library: run the experiment (quick options unless "full" is passed) and print
// its findings, then transfer by hand with TheoryLab.Models.ConvNets.LayerTransfer: a small perceptron trained on
// digits 0–4 lends its first layer, frozen, to one trained on 5–9, beside one trained on 5–9 from scratch.
using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Runs;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("transfer");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-transfer" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-24} {f.Value,12:G5} {f.Unit,-6}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

var data = Datasets.Load("mnist-t10k", DataStore.Default, seed: 0);
var spec = Perceptron.Classifier("784-64-64-5", [1, 28, 28], [64, 64], 5, Activations.Relu);
double Train(nn.Module<Tensor, Tensor> network, ClassificationSets sets)
{
    var batches = sets.TrainingBatches(64, seed: 1);
    using var adam = new Adam(1e-3);
    return ClassificationRecipe.Train(network, sets, batches, adam, 3 * batches.BatchesPerEpoch, new SortedSet<long>()).Final.Test.Accuracy;
}
nn.Module<Tensor, Tensor> Fresh(ulong seed)
{
    using var generator = new Generator(seed);
    return spec.Build(generator);
}
var lower = new ClassificationSets(data.OfClasses([0, 1, 2, 3, 4]));
var upper = new ClassificationSets(data.OfClasses([5, 6, 7, 8, 9]));
using var baseA = Fresh(1);
Console.WriteLine($"baseA on 0–4: {Train(baseA, lower):P2} held-out accuracy");
using var baseB = Fresh(2);
Console.WriteLine($"baseB on 5–9: {Train(baseB, upper):P2}");
using var a1b = Fresh(2);
LayerTransfer.CopyFirst(baseA, a1b, layers: 1, freeze: true);
Console.WriteLine($"A1B on 5–9 (first layer from baseA, frozen): {Train(a1b, upper):P2}");

#:project ../src/TheoryLab/TheoryLab.csproj

// Structured sparsity through the library: run the experiment (quick options unless "full" is passed) and print its
// findings, then compress one small perceptron by hand with TheoryLab.Models.Pruning: a 2:4 mask halves the weights
// but not the matrix, removing hidden units and factoring a layer make the network itself smaller.
using TheoryLab.Experiments;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Models.Pruning;
using TheoryLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("structured-sparsity");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-structured-sparsity" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-40} {f.Value,12:G5} {f.Unit,-6}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

var spec = Perceptron.Classifier("784-64-32-10", [784], [64, 32], 10, Activations.Relu);
using var generator = new Generator(1);
using var network = spec.Build(generator);
using var mask = NOfMPruning.Mask(network, 2, 4);
Console.WriteLine($"2:4 keeps {mask.TotalRemaining:N0} of {mask.TotalSize:N0} weights, still stored in matrices of {spec.MultiplyAddsPerExample:N0} entries");
using var narrow = NeuronPruning.Shrink(spec, network, [32, 16]);
Console.WriteLine($"half the hidden units: {narrow.Spec.Name}, {narrow.Spec.Parameters:N0} parameters and {narrow.Spec.MultiplyAddsPerExample:N0} multiply-adds " +
    $"against {spec.Parameters:N0} and {spec.MultiplyAddsPerExample:N0}");
using var factored = LowRankFactorisation.Factor(spec, network, [16, 0, 0]);
using var x = randn(8, 784, generator: generator);
Console.WriteLine($"the first layer at rank 16: {factored.Spec.MultiplyAddsPerExample:N0} multiply-adds; its outputs move by at most " +
    $"{(factored.Network.call(x) - network.call(x)).abs().max().ToDouble():G3} from the dense network's");

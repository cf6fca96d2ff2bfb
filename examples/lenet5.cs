#:project ../src/TheoryLab/TheoryLab.csproj

// LeNet-5 and the MNIST-1D CNN through the library: run the lenet5 experiment (quick options unless "full" is
// passed; "mnist" as a second word trains LeNet-5 on MNIST), print its findings, list each network's layers with
// their parameters and multiply-adds, then load the trained weights back and check the reported test accuracy.
using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Experiments.Architecture;
using TheoryLab.Models.ConvNets;
using TheoryLab.Runs;
using TheoryLab.Training;

var experiment = (LeNet5)ExperimentRegistry.Default.Get("lenet5");
bool full = args.Contains("full");
var options = (full ? experiment.Defaults : experiment.Quick) with { Dataset = args.Contains("mnist") ? "mnist" : "mnist1d" };
Console.WriteLine($"{experiment.Title}: {experiment.EstimateCost(options)}");
var outcome = Runner.Run(new RunRequest(experiment, options) { OutputDirectory = Path.Combine("runs", $"example-lenet5-{options.Dataset}" + (full ? "" : "-quick")) });
Console.WriteLine($"run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-20} {f.Value,12:G6} {f.Unit,-14}{(f.Expected is { } e ? $" published {e:G4} ({f.ExpectedSource})" : "")}");

// The specs the experiment builds its networks from: shapes, parameters and multiply-adds, layer by layer.
foreach (var spec in new[] { LeNet.Five(), LeNet.OneDimensional() })
{
    Console.WriteLine($"\n{spec.Name}: {spec.Parameters:N0} parameters, {spec.MultiplyAddsPerExample:N0} multiply-adds per example");
    foreach (var layer in spec.Costs)
        Console.WriteLine($"  {layer.Layer,-28} → {string.Join("×", layer.OutputShape),-9} {layer.Parameters,7:N0} params {layer.MultiplyAdds,9:N0} MACs");
}

// The trained weights in the run directory, loaded into a fresh network: the test accuracy comes back exactly.
var data = Datasets.Load(options.Dataset, DataStore.Default, seed: 0);
using var weights = new TorchSharp.torch.Generator(0);
var model = (options.Dataset.StartsWith("mnist1d", StringComparison.Ordinal) ? LeNet.OneDimensional() : LeNet.Five()).Build(weights);
Checkpoint.Load(model, Path.Combine(outcome.Directory, LeNet5.WeightsFile));
var metrics = Classification.Evaluate(model, new ClassificationSets(data).TestPass);
Console.WriteLine($"\nreloaded weights: test accuracy {metrics.Accuracy:G6} (run reported {outcome.Findings.Single(f => f.Name == "test_accuracy").Value:G6})");

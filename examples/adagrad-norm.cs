#:project ../src/TheoryLab/TheoryLab.csproj

// AdaGrad-Norm's robustness to b₀ through the library: run the adagrad-norm experiment (quick options unless "full"
// is passed; the full run reads MNIST from $THEORYLAB_DATA or the default data directory), print its findings and the
// robust range of each method, then train the MNIST-1D MLP by hand with SGD (step 1/b₀) and AdaGrad-Norm (η = 1, b₀)
// from the same weights, for a b₀ at which SGD diverges.
using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Models.ConvNets;
using TheoryLab.Models.MeanField;
using TheoryLab.Runs;
using TheoryLab.Training;
using TheoryLab.Training.Optimizers;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("adagrad-norm");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-adagrad-norm" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-32} {f.Value,12:G6} {f.Unit,-8}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");
Console.WriteLine();
foreach (string line in File.ReadLines(Path.Combine(outcome.Directory, "tables", "robust-range.csv")))
    Console.WriteLine("  " + line.Replace(",", "\t"));

// By hand: the same MLP from the same weights, 300 steps of 128 on MNIST-1D, with b₀ = 10⁻³.
var data = Datasets.Load("mnist1d", DataStore.Default, seed: 0);
var sets = new ClassificationSets(data);
var spec = new SequentialSpec("MLP", [40], [new Dense(100), new ActivationLayer(Activations.Relu), new Dense(100), new ActivationLayer(Activations.Relu), new Dense(10)]);
const double b0 = 1e-3;
foreach (var (name, hyperparameters) in new[] { ("sgd", new Dictionary<string, double> { ["lr"] = 1 / b0 }), ("adagrad-norm", new() { ["lr"] = 1, ["b0"] = b0 }) })
{
    using var weights = new Generator(1);
    var model = spec.Build(weights);
    using var optimizer = OptimizerRegistry.Create(name, hyperparameters);
    // Divergence is what this comparison looks for, so the trainer records it instead of failing the script.
    var run = ClassificationRecipe.Train(model, sets, sets.TrainingBatches(128, seed: 1), optimizer, 300, new HashSet<long>(), divergence: DivergencePolicy.Record);
    if (run.Summary.Divergence is { } d)
    {
        Console.WriteLine($"{name,-13} b₀ = {b0:G2}: diverged at step {d.Step} (learning rate {d.LearningRate:G4})");
        continue;
    }
    var test = run.Final.Test;
    string scale = optimizer is AdaGradNorm norm ? $", final b {norm.B:G4}" : "";
    Console.WriteLine($"{name,-13} b₀ = {b0:G2}: test loss {test.Loss:G4}, accuracy {test.Accuracy:F3}{scale}");
}

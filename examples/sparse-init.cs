#:project ../src/TheoryLab/TheoryLab.csproj

// Sparse and low-rank weights at the edge of chaos (Nait Saada, Naderi and Tanner 2024) through the library: run the
// experiment (quick options unless "full" is passed) and print its findings, then measure one weight distribution of
// your own choosing against the iid mean-field maps with the one-spec API.
using TheoryLab.Experiments;
using TheoryLab.Models.MeanField;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("sparse-init");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-sparse-init" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-32} {f.Value,12:G6} {f.Unit,-6}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

// Any weight distribution with entries of variance σ_w²/N plugs into the same spec: here a mask keeping 5 % of the
// weights of ReLU layers at He's σ_w² = 2, followed for 10 layers from an input of length 1.
TheoryLab.Torch.TorchRuntime.EnsureLoaded();
using var generator = new TorchSharp.torch.Generator(1);
var spec = new MlpSpec(Activations.Relu, 2, 0.01, depth: 10, width: 1000, new SparseWeights(0.05));
var measured = SignalMonteCarlo.Measure(spec, [1.0], [], 1.0, networks: 4, generator);
var theory = spec.MeanField().Propagate(1.0, 1.0, 10).Q;
Console.WriteLine("sparse ReLU (p = 0.05): layer, measured q, iid mean-field q");
for (int l = 0; l < 10; l++) Console.WriteLine($"  {l + 1,2} {measured.Q[0][l],10:G5} {theory[l],10:G5}");

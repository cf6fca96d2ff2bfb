#:project ../src/TheoryLab/TheoryLab.csproj

// Loss surfaces through the library. First the experiment (quick options unless "full" is passed); then the same tools
// on a model and loss of one's own: a small MLP on two-moons, a filter-normalised plane around it, scanned with a
// progress file so that a second run of this script resumes instead of measuring again.
using TheoryLab.Analysis.Landscape;
using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Models.ConvNets;
using TheoryLab.Runs;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("loss-surface");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-loss-surface" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-36} {f.Value,12:G6} {f.Unit}");

// Your own model and loss: anything a Problem holds.
TorchRuntime.EnsureLoaded();
var (inputs, labels) = Datasets.Load("two-moons", DataStore.Default, 1).Train.ToTensors();
var model = nn.Sequential(("fc1", nn.Linear(2, 64)), ("relu", nn.ReLU()), ("fc2", nn.Linear(64, 2)));
using (var weights = new Generator(1)) DefaultInitialization.Apply(model, weights);
var data = new TensorBatches(inputs, labels, 100, shuffle: true, seed: 1);
Trainer.Train(new Problem(model, data, Classification.CrossEntropy), new SgdSettings(0.1, 0.9), 500, []);

var probe = LandscapeProbe.ForClassifier(model, new TensorBatches(inputs, labels, 1000, shuffle: false));
var origin = probe.Weights.Flatten();
var scan = new SurfaceScan(probe, origin, FilterNormalizedDirections.Draw(probe.Weights, 1), FilterNormalizedDirections.Draw(probe.Weights, 2), SurfaceGrid.Square(1, 41));
Console.WriteLine($"own model: {scan.EstimateCost()}");
var surface = scan.Run(Path.Combine("runs", "example-loss-surface-own", "surface.csv"));
Console.WriteLine($"own model: {surface.Points.Count} points ({surface.Resumed} resumed), loss {surface.Points.Min(p => p.Loss):G3} to {surface.Points.Max(p => p.Loss):G3}");

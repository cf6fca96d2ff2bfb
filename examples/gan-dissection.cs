#:project ../src/TheoryLab/TheoryLab.csproj

// GAN dissection through the library: run the experiment (quick options unless "full" is passed) and print its
// findings, then use two of its pieces by hand: the synthetic scenes, whose colour masks the palette rule reads back
// exactly, and the top-quantile threshold and IoU of one made-up unit against one scene's red mask.
using TheoryLab.Analysis.Dissection;
using TheoryLab.Data.Toy;
using TheoryLab.Experiments;
using TheoryLab.Runs;
using TheoryLab.Torch;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("gan-dissection");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-gan-dissection" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-36} {f.Value,14:G6} {f.Unit,-4}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

var scene = new SyntheticScenes().Sample(1, seed: 3)[0];
var red = SyntheticScenes.ColourMask(scene.Pixels, "red", tolerance: 0.15);
Console.WriteLine($"scene: {scene.Objects.Count} objects ({string.Join(", ", scene.Objects.Select(o => $"{SyntheticScenes.Colours[o.Colour].Name} {o.Shape}"))}), striped: {scene.Striped}, red pixels {red.Count(p => p)}");

// A unit that is the red mask plus noise below 1, thresholded at the top quantile equal to red's share of the pixels,
// is above its threshold exactly on the red pixels: IoU 1. A smaller quantile keeps only part of them.
TorchRuntime.EnsureLoaded();
var mask = tensor(red).view(1, 1, 24, 24);
var unit = mask.to_type(ScalarType.Float32) + 0.3f * rand([1, 1, 24, 24], generator: new TorchSharp.torch.Generator(1));
foreach (double q in new[] { red.Count(p => p) / 576.0, 0.01 })
{
    var thresholds = UnitDissection.TopQuantileThresholds(unit, q);
    Console.WriteLine($"made-up unit at its top {q:P1}: threshold {thresholds[0]:F3}, IoU with the red mask {UnitDissection.IntersectionOverUnion(unit, thresholds, mask)[0, 0]:F3}");
}

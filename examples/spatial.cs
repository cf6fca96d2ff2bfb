#:project ../src/TheoryLab/TheoryLab.csproj

// Spatial robustness through the library: run the experiment (quick options unless "full" is passed) and print its
// findings, then use the resampling by hand: a rotation by 90° about the centre of a square image is numpy's rot90
// (the content turns anticlockwise as displayed), and an integer translation is a pixel shift with zeros filled in.
using TheoryLab.Analysis.Adversarial;
using TheoryLab.Experiments;
using TheoryLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("spatial");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-spatial" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-36} {f.Value,12:G5} {f.Unit,-2}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

using var generator = new Generator(7);
var image = rand([1, 1, 6, 6], dtype: float64, generator: generator);
var turned = SpatialTransform.Apply(image, 90, 0, 0);
var shifted = SpatialTransform.Apply(image, 0, 2, -1);   // two pixels right, one up
var expectedShift = zeros_like(image);
expectedShift[.., .., ..5, 2..] = image[.., .., 1.., ..4];
Console.WriteLine($"90° against rot90: {turned.sub(rot90(image, 1, (2, 3))).abs().max().ToDouble():G2}; " +
    $"(2, −1) px against the shifted pixels: {shifted.sub(expectedShift).abs().max().ToDouble():G2}");
Console.WriteLine($"The paper's grid: {SpatialGrid.Paper.Count} transforms; its nested chain: {string.Join(", ", SpatialGrid.Paper.NestedChain().Select(g => g.Count))}");

#:project ../src/TheoryLab/TheoryLab.csproj

// The scattering transform through the library: run the experiment (quick options unless "full" is passed) and print
// its findings, then scatter an image by hand with TheoryLab.Analysis.Scattering: a vertical bar's order-1 energy
// falls on the wavelets whose oscillation runs across it, and a constant image has order 0 only.
using TheoryLab.Analysis.Scattering;
using TheoryLab.Experiments;
using TheoryLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("scattering");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-scattering" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-30} {f.Value,12:G5} {f.Unit,-2}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

using var scattering = new Scattering2D(scales: 2, angles: 4, maxOrder: 2, rows: 16, cols: 16);
var bar = zeros(16, 16, dtype: float64);
bar[.., 7..9] = ones(16, 2, dtype: float64);
using var coefficients = scattering.Transform(bar);
Console.WriteLine($"A 16×16 vertical bar at J = 2, L = 4: {scattering.Paths.Count} channels of {scattering.OutputRows}×{scattering.OutputCols}");
for (int p = 1; p <= 2 * 4; p++)
{
    var path = scattering.Paths[p];
    Console.WriteLine($"  order 1, j = {path.J1}, θ = {path.Theta1} (angle {MorletFilterBank.WaveletAngle(path.Theta1, 4) * 180 / Math.PI,5:F1}°): energy {coefficients[p].pow(2).sum().ToDouble():G4}");
}

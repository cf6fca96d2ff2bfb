#:project ../src/TheoryLab/TheoryLab.csproj

// What CNN filters learn, through the library: run the experiment (quick options unless "full" is passed) and print
// its findings, then fit a Gabor by hand with TheoryLab.Analysis.Filters: a sampled Gabor is recovered exactly, and
// the same Gabor under noise keeps the share of its variance the noise leaves.
using TheoryLab.Analysis.Filters;
using TheoryLab.Experiments;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("cnn-filters");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-cnn-filters" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-52} {f.Value,12:G5} {f.Unit,-2}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

var gabor = new Gabor2D(X0: 3.2, Y0: 2.9, Theta: 0.7, Wavelength: 4, Sigma: 1.6, Gamma: 1, Amplitude: 1, Phase: 0.3, Offset: 0);
var clean = gabor.Sample(7, 7);
var fit = GaborFit.Fit(clean);
Console.WriteLine($"A 7×7 Gabor (θ = 0.7, λ = 4): fitted θ = {fit.Gabor.Orientation:F3}, λ = {fit.Gabor.Wavelength:F3}, R² = {fit.RSquared:F6}");
var random = new Random(1);
var noisy = new double[7, 7];
for (int y = 0; y < 7; y++)
    for (int x = 0; x < 7; x++) noisy[y, x] = clean[y, x] + 0.2 * (random.NextDouble() - 0.5) * Math.Sqrt(12);
Console.WriteLine($"The same with noise of standard deviation 0.2: R² = {GaborFit.Fit(noisy).RSquared:F3}");

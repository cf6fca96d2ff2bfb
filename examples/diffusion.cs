#:project ../src/TheoryLab/TheoryLab.csproj

// Denoising diffusion through the library: run the experiment (quick options unless "full" is passed) and print its
// findings, then use TheoryLab.Numerics.Diffusion by hand: Ho et al.'s schedule, and DDIM with the exact noise
// predictor of a two-mode mixture in one dimension, whose samples land near ±1 in only 20 steps.
using TheoryLab.Experiments;
using TheoryLab.Numerics.Diffusion;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("diffusion");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-diffusion" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-40} {f.Value,14:G6} {f.Unit,-5}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

var schedule = NoiseSchedule.Linear(1000, 1e-4, 0.02);
foreach (int t in new[] { 1, 100, 500, 1000 })
    Console.WriteLine($"t = {t,4}: ᾱ_t = {schedule.AlphaBar(t):G4}, q(x_t | x_0) = N({schedule.SignalScale(t):G4} x_0, {1 - schedule.AlphaBar(t):G4})");
var twoModes = new DiffusedGaussianMixture(schedule, [[1.0], [-1.0]], 0.05);
var samples = DiffusionSampler.Sample(schedule, twoModes.OptimalNoise, 8, 1, 20, eta: 0, new Random(1));
Console.WriteLine($"DDIM, 20 steps, exact ε*: {string.Join(", ", samples.Select(x => x.ToString("F3")))}");

#:project ../src/TheoryLab/TheoryLab.csproj

// Variational autoencoders through the library: run the experiment (quick options unless "full" is passed; the MNIST
// and MNIST-1D files come from THEORYLAB_DATA or the default data directory) and print its findings, then use the
// importance-weighted bound by hand: for log-normal weights, log w ~ N(μ, s²), L_1 = μ and L_K climbs towards
// log E[w] = μ + s²/2, the log-likelihood the ELBO bounds from below.
using TheoryLab.Experiments;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("vae");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-vae" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-42} {f.WhyNoValue ?? f.Value.ToString("G6"),12} {f.Unit,-5}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

const double mu = -2, s = 1;
var random = new Random(1);
var logWeights = Enumerable.Range(0, 1_000_000).Select(_ => mu + s * StandardNormal.Next(random)).ToArray();
foreach (int k in new[] { 1, 10, 100, 1000, 10_000 })
    Console.WriteLine($"L_{k,-6} = {ImportanceWeightedBound.Estimate(logWeights, k):F4}   (log E[w] = {mu + s * s / 2:F4})");

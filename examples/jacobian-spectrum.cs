#:project ../src/TheoryLab/TheoryLab.csproj

// Jacobian spectra and dynamical isometry (Pennington, Schoenholz and Ganguli 2017, 2018) through the library: run the
// experiment (quick options unless "full" is passed) and print its findings, then ask the one-spec API a question of
// your own: how do the free-probability mean, variance and largest singular value grow with depth for each pairing of
// weights and nonlinearity at the edge of chaos?
using TheoryLab.Experiments;
using TheoryLab.Models.MeanField;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("jacobian-spectrum");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-jacobian-spectrum" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-18} {f.WhyNoValue ?? f.Value.ToString("G6"),12} {f.Unit,-8}{(f.Expected is { } e ? $" expected {e:G6}" : "")}");

// One spec gives the finite network (spec.Build) and its infinite-width views (spec.MeanField, spec.JacobianSpectrum).
Console.WriteLine("free probability at χ₁ = 1 (σ_b² = 0.05 for tanh, 0 for ReLU): variance of λ and largest σ at depths 8 / 32 / 128");
foreach (var (activation, sigmaB2) in new[] { (Activations.Tanh, 0.05), (Activations.HardTanh, 0.05), (Activations.Relu, 0.0) })
    foreach (var weights in new[] { WeightDistribution.Gaussian, WeightDistribution.Orthogonal })
    {
        double sigmaW2 = Criticality.CriticalSigmaW2(activation, sigmaB2);
        var spectra = new[] { 8, 32, 128 }.Select(depth => new MlpSpec(activation, sigmaW2, sigmaB2, depth, 1000, weights).JacobianSpectrum()).ToArray();
        Console.WriteLine($"  {activation.Name,-9} {weights.Name,-10} var λ {string.Join(" / ", spectra.Select(s => s.Variance.ToString("G4")))}" +
            $"   σ_max {string.Join(" / ", spectra.Select(s => Math.Sqrt(s.LargestEigenvalue).ToString("G4")))}");
    }

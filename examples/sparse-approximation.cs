#:project ../src/TheoryLab/TheoryLab.csproj

// Sparse approximation through the library: run the experiment (quick options unless "full" is passed) and print its
// findings, then count a construction by hand with TheoryLab.Models.ReluCircuits: Yarotsky's f_m for x² spends
// 8 nonzero parameters per level and gains two bits of accuracy for each.
using TheoryLab.Experiments;
using TheoryLab.Models.ReluCircuits;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("sparse-approximation");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-sparse-approximation" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-40} {f.Value,12:G5} {f.Unit,-6}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

for (int m = 2; m <= 8; m += 2)
{
    var circuit = YarotskyCircuits.Square(m);
    double worst = Enumerable.Range(0, 1 << m).Max(k => { double x = (k + 0.5) / (1 << m); return Math.Abs(circuit.Evaluate(x) - x * x); });
    Console.WriteLine($"f_{m}: {circuit.NonzeroParameters} nonzero parameters (8m − 1 = {8 * m - 1}), {circuit.HiddenLayers} hidden layers, " +
        $"sup error {worst:G4} at the midpoints (2^(−2m−2) = {YarotskyCircuits.SquareError(m):G4})");
}

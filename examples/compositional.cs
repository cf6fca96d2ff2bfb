#:project ../src/TheoryLab/TheoryLab.csproj

// Deep versus shallow networks on a compositional function (Poggio et al. 2017) through the library: run the
// experiment (quick options unless "full" is passed; the full run trains 96 networks, minutes) and print the
// findings and the test error of both networks at each training-set size.
using TheoryLab.Experiments;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("compositional");
bool full = args.Contains("full");
var options = full ? experiment.DefaultOptions : experiment.QuickOptions;
Console.WriteLine($"{experiment.Title}: {experiment.EstimateCost(options)}");
var outcome = Runner.Run(new RunRequest(experiment, options)
{
    OutputDirectory = Path.Combine("runs", "example-compositional" + (full ? "" : "-quick")),
});
Console.WriteLine($"run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-20} {f.Value,10:G4} {f.Unit,-10}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");
Console.WriteLine("training examples   deep test MSE/Var f   shallow test MSE/Var f");
foreach (var line in File.ReadLines(Path.Combine(outcome.Directory, "tables", "samples.csv")).Skip(1))
{
    var c = line.Split(',').Select(double.Parse).ToArray();
    Console.WriteLine($"{c[0],17:F0}   {Math.Pow(10, c[2]),19:G3}   {Math.Pow(10, c[5]),22:G3}");
}

#:project ../src/TheoryLab/TheoryLab.csproj

// The order-to-chaos transition of deep random networks (Poole et al. 2016; Schoenholz et al. 2017).
// Runs the edge-of-chaos experiment through the library, prints its findings, then uses the same
// one-spec API for a question of your own: where is the edge of chaos for a custom activation?
using TheoryLab.Experiments;
using TheoryLab.Models.MeanField;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("edge-of-chaos");
bool full = args.Contains("--full");
var options = full ? experiment.DefaultOptions : experiment.QuickOptions;
Console.WriteLine($"{experiment.Title} ({(full ? "paper defaults" : "quick options")}; {experiment.EstimateCost(options)})");

var outcome = Runner.Run(new RunRequest(experiment, options) { OutputDirectory = Path.Combine("runs", "examples", experiment.Id + (full ? "" : "-quick")) });
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-18} {f.Value,10:G5}  expected {f.Expected,10:G5}  ({f.ExpectedSource})");
Console.WriteLine($"figures, tables and refs.bib in {outcome.Directory}");

// One spec gives the finite network and its infinite-width maps. A custom activation only needs φ (φ′ is then a
// central difference, reported as numerical); name its kinks, if any, so the quadrature splits there.
var swish = Activation.Custom("swish", u => u / (1 + Math.Exp(-u)));
var spec = new MlpSpec(swish, sigmaW2: 2.0, sigmaB2: 0.05, depth: 20, width: 1000);
var maps = spec.MeanField();
Console.WriteLine($"swish at σ_w² = 2, σ_b² = 0.05: q* = {maps.QStar:G5}, χ₁ = {maps.Chi1:G5}, ξ_q = {maps.XiQ:G4}, ξ_c = {maps.XiC:G4}");
Console.WriteLine($"swish edge of chaos at σ_b² = 0.05: σ_w² = {Criticality.CriticalSigmaW2(swish, 0.05):G6}");

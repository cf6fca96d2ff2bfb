#:project ../src/TheoryLab/TheoryLab.csproj

// Which random tanh networks can be trained (Schoenholz et al. 2017): runs the trainable-depth experiment through the
// library (quick options unless "--full" is passed), prints its findings and where each σ_w² stops training beside
// 6ξ_c, then asks the mean-field maps the question for a depth of your own.
using TheoryLab.Experiments;
using TheoryLab.Models.MeanField;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("trainable-depth");
bool full = args.Contains("--full");
var options = full ? experiment.DefaultOptions : experiment.QuickOptions;
Console.WriteLine($"{experiment.Title} ({(full ? "paper defaults" : "quick options")}; {experiment.EstimateCost(options)})");

var outcome = Runner.Run(new RunRequest(experiment, options) { OutputDirectory = Path.Combine("runs", "examples", experiment.Id + (full ? "" : "-quick")) });
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-26} {f.Value,10:G4}{(f.Expected is { } e ? $"  expected {e:G4}" : "")}");
Console.WriteLine($"heatmaps, the boundary table and refs.bib in {outcome.Directory}");

// The theory side alone: the σ_w² range over which a 100-layer tanh network at σ_b² = 0.05 is within 6ξ_c.
const int depth = 100;
var trainable = Enumerable.Range(1, 400).Select(k => k / 100.0)
    .Where(s => depth <= 6 * new MeanFieldMaps(Activations.Tanh, s, 0.05).XiC).ToArray();
Console.WriteLine(trainable.Length == 0
    ? $"no σ_w² in (0, 4] puts depth {depth} within 6ξ_c"
    : $"depth {depth} is within 6ξ_c for σ_w² from {trainable.First():F2} to {trainable.Last():F2} (edge of chaos {Criticality.CriticalSigmaW2(Activations.Tanh, 0.05):F3})");

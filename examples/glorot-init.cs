#:project ../src/TheoryLab/TheoryLab.csproj

// Glorot and Bengio (2010): runs the glorot-init experiment through the library (quick options unless "--full" is
// passed) and prints its findings, then uses the one-spec API to compare the two initialisations' linear-regime theory
// for a network shape of your own.
using TheoryLab.Experiments;
using TheoryLab.Models.Initialisation;
using TheoryLab.Models.MeanField;
using TheoryLab.Runs;

var experiment = ExperimentRegistry.Default.Get("glorot-init");
bool full = args.Contains("--full");
var options = full ? experiment.DefaultOptions : experiment.QuickOptions;
Console.WriteLine($"{experiment.Title} ({(full ? "paper defaults" : "quick options")}; {experiment.EstimateCost(options)})");

var outcome = Runner.Run(new RunRequest(experiment, options) { OutputDirectory = Path.Combine("runs", "examples", experiment.Id + (full ? "" : "-quick")) });
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-46} {f.Value,10:G4}{(f.Expected is { } e ? $"  linear theory {e:G4}" : "")}");
Console.WriteLine($"histograms, variance figures, training curves and refs.bib in {outcome.Directory}");

// A shape of your own, 784 → 500 → 500 → 500 → 10: how does each scheme scale the gradients on their way back?
foreach (var scheme in new[] { GlorotScheme.Standard, GlorotScheme.Normalised })
{
    var spec = new GlorotSpec(Activations.Tanh, scheme, inputs: 784, width: 500, hiddenLayers: 3, outputs: 10);
    var gradients = spec.LinearGradientVariances(1);
    Console.WriteLine($"{scheme,-10} back-propagated gradient variance by layer (logits = 1): {string.Join(", ", gradients.Select(v => v.ToString("G3")))}");
}

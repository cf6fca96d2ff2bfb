#:project ../src/TheoryLab/TheoryLab.csproj

// FGSM and the linear explanation through the library: run the experiment (quick options unless "full" is passed)
// and print its findings, then attack a model by hand with TheoryLab.Analysis.Adversarial: a linear classifier on
// 1,000 inputs whose margin FGSM moves by exactly ε‖w‖₁, and PGD with a random start on the same model.
using TheoryLab.Analysis.Adversarial;
using TheoryLab.Experiments;
using TheoryLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("fgsm-linear");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-fgsm-linear" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-56} {f.Value,12:G5} {f.Unit,-2}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

// Any Module<Tensor, Tensor> will do: here two logits whose difference is w·(x − ½) with every wᵢ = ±0.002.
const int d = 1000;
using var generator = new Generator(7);
var w = randint(0, 2, [d], dtype: float64, generator: generator).mul(0.004).sub(0.002);
using var model = nn.Linear(d, 2, dtype: float64);
using (no_grad())
{
    model.weight!.copy_(stack([w.div(-2), w.div(2)]));
    double quarter = w.sum().ToDouble() / 4;
    model.bias!.copy_(tensor(new[] { quarter, -quarter }, dtype: float64));
}
var x = rand([500, d], dtype: float64, generator: generator);
Tensor labels;
using (no_grad()) labels = model.call(x).argmax(1);
const double epsilon = 0.01;
var fgsm = Fgsm.Attack(model, ThreatModel.Fgsm(epsilon), x, labels);
double Accuracy(Tensor inputs) { using var _ = no_grad(); return model.call(inputs).argmax(1).eq(labels).to(float64).mean().ToDouble(); }
Console.WriteLine($"Linear classifier on {d} pixels in [0, 1]: ε‖w‖₁ = {epsilon * w.abs().sum().ToDouble():G4}; margins spread {0.002 * Math.Sqrt(d / 12.0):G2}; clean accuracy 1, after FGSM {Accuracy(fgsm):P1}");
var pgd = new ThreatModel(PerturbationNorm.Linf, epsilon) { Steps = 10, StepSize = 0.0025, RandomStart = true, Restarts = 2 };
Console.WriteLine($"PGD ({pgd.Describe()}): {Accuracy(Pgd.Attack(model, pgd, x, labels, generator)):P1}");

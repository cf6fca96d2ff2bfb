#:project ../src/TheoryLab/TheoryLab.csproj

// Universal adversarial perturbations through the library: run the experiment (quick options unless "full" is passed)
// and print its findings, then compute one by hand with TheoryLab.Analysis.Adversarial on a linear binary classifier,
// where every DeepFool step points along −w and the perturbation ends at −ξ sign(w), fooling exactly the images whose
// margin is below ξ‖w‖₁.
using TheoryLab.Analysis.Adversarial;
using TheoryLab.Experiments;
using TheoryLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("universal");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-universal" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-40} {f.Value,12:G5} {f.Unit,-2}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

// Any Module<Tensor, Tensor> will do: here two logits (0, w·x + 1) on 50 inputs, each wᵢ = ±1.
const int d = 50;
using var generator = new Generator(11);
var w = randint(0, 2, [d], dtype: float64, generator: generator).mul(2).sub(1);
using var model = nn.Linear(d, 2, dtype: float64);
using (no_grad())
{
    model.weight!.copy_(stack([zeros(d, dtype: float64), w]));
    model.bias!.copy_(tensor(new[] { 0.0, 1.0 }, dtype: float64));
}
var x = randn([400, d], dtype: float64, generator: generator);
using (no_grad()) x = x[model.call(x).argmax(1).eq(1)];   // the images on the positive side
const double xi = 0.1;
using var universal = UniversalPerturbation.Compute(model, InputSpace.Unbounded, x, PerturbationNorm.Linf, xi, delta: 0, maxPasses: 20);
double reach = xi * w.abs().sum().ToDouble();
double exact = x.matmul(w).add(1).lt(reach).to(float64).mean().ToDouble();
Console.WriteLine($"Linear classifier, ℓ∞ ξ = {xi}: v = −ξ sign(w) to {universal.Perturbation.add(w.sign().mul(xi)).abs().max().ToDouble():G2}; " +
    $"fooling rate {universal.FoolingRates[^1]:P1}, exactly the share of margins below ξ‖w‖₁ = {reach}: {exact:P1}");

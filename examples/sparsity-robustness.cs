#:project ../src/TheoryLab/TheoryLab.csproj

// A sparsifying front end through the library: run the experiment (quick options unless "full" is passed) and print
// its findings, then put a Haar front end keeping K = 16 of 784 coefficients before a random linear classifier by
// hand, and compare the most an ℓ∞ budget can move its margin, ε‖∇ₓ m‖₁, with and without the front end.
using TheoryLab.Analysis.Adversarial;
using TheoryLab.Experiments;
using TheoryLab.Numerics;
using TheoryLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

var experiment = ExperimentRegistry.Default.Get("sparsity-robustness");
bool full = args.Contains("full");
var outcome = Runner.Run(new RunRequest(experiment, full ? experiment.DefaultOptions : experiment.QuickOptions)
{
    OutputDirectory = Path.Combine("runs", "example-sparsity-robustness" + (full ? "" : "-quick")),
});
Console.WriteLine($"{experiment.Title}: run directory {outcome.Directory}{(outcome.Reused ? " (reused)" : "")}");
foreach (var f in outcome.Findings)
    Console.WriteLine($"  {f.Name,-40} {f.Value,12:G5} {f.Unit,-2}{(f.Expected is { } e ? $" expected {e:G4}" : "")}");

// Any Module<Tensor, Tensor> will do: here two logits (0, w·x) of 28 × 28 images, w Gaussian.
using var generator = new Generator(5);
var w = randn([784], dtype: float64, generator: generator);
var linear = nn.Linear(784, 2, dtype: float64);
using (no_grad())
{
    linear.weight!.copy_(stack([zeros(784, dtype: float64), w]));
    linear.bias!.zero_();
}
var classifier = nn.Sequential(("flatten", nn.Flatten()), ("linear", linear));
var frontEnd = new SparsifyingFrontEnd(SeparableBasis.Haar(28), 16);
using var defended = frontEnd.Before(classifier);   // disposes the front end and the classifier with it
var images = rand([100, 28, 28], dtype: float64, generator: generator);
var labels = ones(100, dtype: int64);
double bare = MarginGradient.L1Norms(classifier, InputSpace.Unbounded, images, labels).mean().ToDouble();
double behind = MarginGradient.L1Norms(defended, InputSpace.Unbounded, images, labels).mean().ToDouble();
Console.WriteLine($"Random linear classifier: ‖w‖₁ = {bare:F1}; behind a top-16 Haar front end the mean ‖P_S w‖₁ = {behind:F1}, " +
    $"a factor {behind / bare:F3} (√(K/N) = {Math.Sqrt(16.0 / 784):F3}).");

using TheoryLab.Models.MeanField;
using TorchSharp;

namespace TheoryLab.Bench;

/// <summary>
/// The two costs of the jacobian-spectrum experiment: the free-probability density (Newton continuation of the
/// S-transform equation, 400 points) and Monte-Carlo Jacobians (a float64 product and, for orthogonal weights, a QR
/// factorisation per layer, an SVD per measured depth).
/// </summary>
public sealed class JacobianSpectrumWorkload : IWorkload
{
    public string Name => "jacobian-spectrum";
    public string Description => "time the free-probability density and Monte-Carlo Jacobians; args: [width=400] [depth=32] [repeats=3]";

    public int Run(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        int width = Arg(0, 400), depth = Arg(1, 32), repeats = Arg(2, 3);
        Console.WriteLine($"jacobian-spectrum ({Timing.Machine()}):");
        foreach (var (activation, sigmaB2) in new[] { (Activations.Tanh, 1e-5), (Activations.Tanh, 0.05), (Activations.Relu, 0.05) })
            foreach (var weights in new[] { WeightDistribution.Orthogonal, WeightDistribution.Gaussian })
            {
                double sigmaW2 = Criticality.CriticalSigmaW2(activation, sigmaB2);
                var grid = Enumerable.Range(1, 400).Select(k => k / 400.0).ToArray();
                var seconds = Timing.Repeat(() =>
                {
                    var spectrum = new MlpSpec(activation, sigmaW2, sigmaB2, 128, width, weights).JacobianSpectrum();
                    double top = Math.Sqrt(spectrum.LargestEigenvalue);
                    spectrum.SingularValueDensity([.. grid.Select(g => g * top)]);
                }, repeats);
                Console.WriteLine($"  density, {activation.Name} σ_b² = {sigmaB2} {weights.Name}, L = 128, 400 points: {Timing.Summary(seconds)}");
            }
        TheoryLab.Torch.TorchRuntime.EnsureLoaded();
        foreach (var weights in new[] { WeightDistribution.Gaussian, WeightDistribution.Orthogonal })
        {
            var spec = new MlpSpec(Activations.Tanh, 1.04, 1e-5, depth, width, weights);
            var seconds = Timing.Repeat(() =>
            {
                using var generator = new torch.Generator(1);
                JacobianMonteCarlo.Eigenvalues(spec, [depth / 2, depth], 1, generator);
            }, repeats);
            Console.WriteLine($"  Monte-Carlo Jacobian, {weights.Name}, width {width}, depth {depth}, 2 SVDs: {Timing.Summary(seconds)} ({seconds.Order().ElementAt(seconds.Count / 2) / depth * 1e3:F1} ms per layer)");
        }
        return 0;
    }
}

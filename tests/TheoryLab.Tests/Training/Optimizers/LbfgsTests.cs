using System.Globalization;
using TheoryLab.Tests.Peers;
using TheoryLab.Training.Optimizers;

namespace TheoryLab.Tests.Training.Optimizers;

/// <summary>L-BFGS with the strong-Wolfe line search: it minimises Rosenbrock's function, and it takes PyTorch's iterates.</summary>
public class LbfgsTests
{
    /// <summary>Σ 100(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})², the extended Rosenbrock function, and its gradient.</summary>
    private static (double, double[]) Rosenbrock(double[] x)
    {
        double value = 0;
        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i += 2)
        {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            value += 100 * a * a + b * b;
            gradient[i] = -400 * a * x[i] - 2 * b;
            gradient[i + 1] = 200 * a;
        }
        return (value, gradient);
    }

    [Fact]
    public void Minimize_Rosenbrock_ReachesOneOneFromTheClassicalStart()
    {
        // Without a tolerance on the change of the value, which at torch's 10⁻⁹ stops it about 2·10⁻⁵ short of (1, 1).
        var result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1], new LbfgsSettings(MaxIterations: 500, GradientTolerance: 1e-10, ChangeTolerance: 0));
        Assert.InRange(Math.Abs(result.Minimizer[0] - 1), 0, 1e-6);
        Assert.InRange(Math.Abs(result.Minimizer[1] - 1), 0, 1e-6);
        Assert.InRange(result.Iterations, 1, 499);
    }

    [PyTorchPeerFact]
    public void Minimize_ExtendedRosenbrock_TakesTheIteratesOfTorchOptimLbfgsWithStrongWolfe()
    {
        const int iterations = 20;
        double[] start = [-1.2, 1, -0.5, 0.8];
        string script = $$"""
            import torch
            for n in range(1, {{iterations + 1}}):
                x = torch.tensor([-1.2, 1.0, -0.5, 0.8], dtype=torch.float64, requires_grad=True)
                opt = torch.optim.LBFGS([x], lr=1, max_iter=n, history_size=3, line_search_fn='strong_wolfe')
                def closure():
                    opt.zero_grad()
                    f = sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in (0, 2))
                    f.backward()
                    return f
                opt.step(closure)
                print(' '.join(repr(v) for v in x.tolist()))
            """;
        var (exit, output) = PyTorchPeer.RunScript(script, TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, output);
        var theirs = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(iterations, theirs.Length);
        double moved = 0;
        for (int n = 1; n <= iterations; n++)
        {
            var ours = Lbfgs.Minimize(Rosenbrock, start, new LbfgsSettings(MaxIterations: n, History: 3)).Minimizer;
            for (int i = 0; i < start.Length; i++)
            {
                Assert.InRange(Math.Abs(ours[i] - theirs[n - 1][i]), 0, 1e-9);
                moved = Math.Max(moved, Math.Abs(ours[i] - start[i]));
            }
        }
        Assert.True(moved > 0.5, $"the iterates should travel towards (1, 1, 1, 1); they moved {moved:G3}");
    }
}

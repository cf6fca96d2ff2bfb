namespace TheoryLab.Numerics;

/// <summary>Where an iteration xₖ₊₁ = f(xₖ) ended.</summary>
/// <param name="Value">The last iterate.</param>
/// <param name="Iterations">How many times f was applied.</param>
/// <param name="Converged">Whether successive iterates came within the tolerance.</param>
public sealed record FixedPointResult(double Value, int Iterations, bool Converged);

/// <summary>Fixed-point iteration: the iterated maps of mean-field theory, and their limits.</summary>
public static class FixedPoint
{
    /// <summary>Iterates f from x₀ until |xₖ₊₁ − xₖ| ≤ tolerance·max(1, |xₖ₊₁|), or gives up after <paramref name="maxIterations"/>.</summary>
    public static FixedPointResult Iterate(Func<double, double> f, double x0, double tolerance = 1e-13, int maxIterations = 10_000)
    {
        double x = x0;
        for (int k = 1; k <= maxIterations; k++)
        {
            double next = f(x);
            if (!double.IsFinite(next)) return new FixedPointResult(next, k, false);
            if (Math.Abs(next - x) <= tolerance * Math.Max(1, Math.Abs(next))) return new FixedPointResult(next, k, true);
            x = next;
        }
        return new FixedPointResult(x, maxIterations, false);
    }

    /// <summary>x₀, f(x₀), f(f(x₀)), …: <paramref name="steps"/> + 1 values.</summary>
    public static double[] Trajectory(Func<double, double> f, double x0, int steps)
    {
        var xs = new double[steps + 1];
        xs[0] = x0;
        for (int k = 1; k <= steps; k++) xs[k] = f(xs[k - 1]);
        return xs;
    }
}

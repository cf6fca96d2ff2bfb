using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Data.Toy;

/// <summary>
/// Isotropic Gaussian clusters in the plane, one class each: component k has its mean on a circle of radius
/// <c>radius</c> at angle 2πk/K and covariance σ²I. Classes take turns, so their sizes differ by
/// at most one. With the defaults (K = 4, radius 2, σ = 0.5) neighbouring means are 2√2 ≈ 5.7σ apart, so the
/// classes overlap slightly (Bayes error ≈ 2Φ(−2√2) ≈ 0.5%).
/// </summary>
public static class GaussianMixture
{
    public const int DefaultComponents = 4;
    public const double DefaultRadius = 2;
    public const double DefaultSigma = 0.5;

    /// <summary>The mean of component <paramref name="k"/> of <paramref name="components"/>.</summary>
    public static (double X, double Y) Mean(int k, int components, double radius = DefaultRadius) =>
        (radius * Math.Cos(2 * Math.PI * k / components), radius * Math.Sin(2 * Math.PI * k / components));

    public static LabeledData Generate(int count, int seed, int components = DefaultComponents, double radius = DefaultRadius, double sigma = DefaultSigma)
    {
        Toys.Check(count, sigma, "gaussian-mixture");
        if (components < 2) throw new TheoryLabException($"gaussian-mixture: {components} components; at least 2 are needed for a classification set.");
        var normal = new NormalDraws(new Random(seed));
        var inputs = new float[2 * count];
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int k = n % components;
            var (mx, my) = Mean(k, components, radius);
            inputs[2 * n] = (float)(mx + sigma * normal.Next());
            inputs[2 * n + 1] = (float)(my + sigma * normal.Next());
            labels[n] = k;
        }
        return new("gaussian-mixture", inputs, labels, [2], components);
    }
}

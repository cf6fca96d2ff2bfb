using TheoryLab.Numerics.Subspaces;

namespace TheoryLab.Numerics.Statistics;

/// <summary>A Gaussian fitted to samples: their mean and their covariance with the n − 1 divisor.</summary>
public sealed record GaussianFit(double[] Mean, double[,] Covariance)
{
    public int Dimension => Mean.Length;

    /// <summary>The mean and sample covariance of the rows of <paramref name="samples"/> (n × d, at least two rows).</summary>
    public static GaussianFit Of(double[,] samples)
    {
        int n = samples.GetLength(0), d = samples.GetLength(1);
        if (n < 2) throw new ArgumentException($"a covariance needs at least two samples, got {n}", nameof(samples));
        var mean = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) mean[j] += samples[i, j] / n;
        var covariance = new double[d, d];
        var centred = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) centred[j] = samples[i, j] - mean[j];
            for (int j = 0; j < d; j++)
                for (int k = 0; k <= j; k++) covariance[j, k] += centred[j] * centred[k];
        }
        for (int j = 0; j < d; j++)
            for (int k = 0; k <= j; k++) covariance[k, j] = covariance[j, k] /= n - 1;
        return new GaussianFit(mean, covariance);
    }
}

/// <summary>
/// The Fréchet (2-Wasserstein) distance between Gaussians, squared, as the FID uses it (Heusel et al. 2017):
/// d² = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2(Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}). In float64, with both square roots of
/// symmetric positive semi-definite matrices taken through <see cref="SymmetricEigen"/>, so the inner matrix stays
/// symmetric and no complex square root (scipy's sqrtm of the non-symmetric Σ₁Σ₂) is needed.
/// </summary>
public static class FrechetDistance
{
    /// <summary>d² between N(μ₁, Σ₁) and N(μ₂, Σ₂); symmetric in its arguments and 0 for identical Gaussians.</summary>
    public static double Squared(GaussianFit first, GaussianFit second)
    {
        int d = first.Dimension;
        if (second.Dimension != d) throw new ArgumentException($"Gaussians in {d} and {second.Dimension} dimensions");
        double meanTerm = 0;
        for (int j = 0; j < d; j++) meanTerm += (first.Mean[j] - second.Mean[j]) * (first.Mean[j] - second.Mean[j]);
        var root = SquareRoot(first.Covariance);
        // Both factors are symmetric, so Σ₁^{1/2} Σ₂ Σ₁^{1/2} = (Σ₁^{1/2})ᵀ (Σ₂ᵀ Σ₁^{1/2}), two transposed products.
        var inner = DenseMatrices.Gram(root, DenseMatrices.Gram(second.Covariance, root));
        double crossTrace = SymmetricEigen.Decompose(inner).Values.Sum(v => Math.Sqrt(Math.Max(v, 0)));
        double distance = meanTerm + Trace(first.Covariance) + Trace(second.Covariance) - 2 * crossTrace;
        // Rounding can leave a few ulps below zero where the Gaussians coincide; a squared distance is not negative.
        return Math.Max(distance, 0);
    }

    /// <summary>d² between the Gaussians fitted to two sets of samples (rows).</summary>
    public static double Squared(double[,] first, double[,] second) => Squared(GaussianFit.Of(first), GaussianFit.Of(second));

    /// <summary>The symmetric square root V diag(√λ) Vᵀ of a symmetric positive semi-definite matrix, negative rounding clipped to 0.</summary>
    public static double[,] SquareRoot(double[,] symmetric)
    {
        var (values, vectors) = SymmetricEigen.Decompose(symmetric);
        int n = values.Length;
        var root = new double[n, n];
        for (int k = 0; k < n; k++)
        {
            double s = Math.Sqrt(Math.Max(values[k], 0));
            if (s == 0) continue;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) root[i, j] += s * vectors[i, k] * vectors[j, k];
        }
        return root;
    }

    private static double Trace(double[,] matrix)
    {
        double trace = 0;
        for (int i = 0; i < matrix.GetLength(0); i++) trace += matrix[i, i];
        return trace;
    }
}

namespace TheoryLab.Numerics;

/// <summary>
/// Gauss rules for symmetric measures from their three-term recurrence (the Golub–Welsch route): the nodes
/// are the eigenvalues of the Jacobi matrix, found here by Sturm-sequence bisection and polished by Newton
/// steps on the orthonormal polynomial; the weights are the Christoffel numbers 1/Σₖ pₖ(xᵢ)², which is
/// what the squared first components of the eigenvectors equal. Symmetric measures have a zero diagonal,
/// so only the off-diagonal entries βₖ are needed, and nodes come in ± pairs, which the rule keeps exact.
/// </summary>
internal static class SymmetricGaussRule
{
    /// <param name="n">Number of nodes.</param>
    /// <param name="beta">βₖ for k = 1…n: x pₖ = βₖ₊₁ pₖ₊₁ + βₖ pₖ₋₁ for the orthonormal polynomials pₖ.</param>
    /// <param name="mass">Total mass of the measure (the weights sum to it).</param>
    public static QuadratureRule Build(int n, Func<int, double> beta, double mass)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "a Gauss rule needs at least one node");
        var b = new double[n + 1];
        for (int k = 1; k <= n; k++) b[k] = beta(k);

        double bound = 0;
        for (int k = 1; k < n; k++) bound = Math.Max(bound, 2 * b[k]);
        var nodes = new double[n];
        var weights = new double[n];
        int half = n / 2;
        // The k-th largest eigenvalue for k < n/2 is positive; its mirror image is the matching negative node.
        for (int k = 0; k < half; k++)
        {
            double x = Polish(Eigenvalue(n, b, n - 1 - k, bound), n, b);
            nodes[n - 1 - k] = x;
            nodes[k] = -x;
        }
        if (n % 2 == 1) nodes[half] = 0;
        for (int i = 0; i < n; i++) weights[i] = mass / ChristoffelSum(nodes[i], n, b);
        for (int k = 0; k < half; k++) weights[k] = weights[n - 1 - k];
        return new QuadratureRule(nodes, weights);
    }

    /// <summary>The eigenvalue with exactly <paramref name="index"/> eigenvalues below it, by bisection on the Sturm count.</summary>
    private static double Eigenvalue(int n, double[] b, int index, double bound)
    {
        double lo = -bound - 1, hi = bound + 1;
        for (int iteration = 0; iteration < 200 && hi - lo > 1e-15 * Math.Max(1, Math.Abs(lo) + Math.Abs(hi)); iteration++)
        {
            double mid = 0.5 * (lo + hi);
            if (CountBelow(n, b, mid) > index) hi = mid;
            else lo = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>Number of eigenvalues of the Jacobi matrix below <paramref name="x"/>: negative pivots of T − xI.</summary>
    private static int CountBelow(int n, double[] b, double x)
    {
        int count = 0;
        double d = 1;
        for (int i = 0; i < n; i++)
        {
            double previous = i == 0 ? 0 : b[i] * b[i] / d;
            d = -x - previous;
            if (d == 0) d = -1e-300;
            if (d < 0) count++;
        }
        return count;
    }

    /// <summary>Newton steps on pₙ, whose derivative follows from differentiating the recurrence.</summary>
    private static double Polish(double x, int n, double[] b)
    {
        for (int step = 0; step < 3; step++)
        {
            var (p, dp) = Evaluate(x, n, b);
            if (dp == 0 || !double.IsFinite(p / dp)) break;
            double next = x - p / dp;
            if (Math.Abs(next - x) > 1e-6 * Math.Max(1, Math.Abs(x))) break;
            x = next;
        }
        return x;
    }

    private static (double P, double DP) Evaluate(double x, int n, double[] b)
    {
        double pPrev = 0, p = 1, dPrev = 0, d = 0;
        for (int k = 0; k < n; k++)
        {
            double pNext = (x * p - b[k] * pPrev) / b[k + 1];
            double dNext = (p + x * d - b[k] * dPrev) / b[k + 1];
            pPrev = p; p = pNext;
            dPrev = d; d = dNext;
        }
        return (p, d);
    }

    private static double ChristoffelSum(double x, int n, double[] b)
    {
        double pPrev = 0, p = 1, sum = 1;
        for (int k = 0; k < n - 1; k++)
        {
            double pNext = (x * p - b[k] * pPrev) / b[k + 1];
            pPrev = p; p = pNext;
            sum += p * p;
        }
        return sum;
    }
}

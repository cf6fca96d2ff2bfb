namespace TheoryLab.Numerics.Fits;

/// <summary>
/// Nonlinear least squares by Levenberg–Marquardt in float64: minimises Σᵢ rᵢ(p)² from a start, solving
/// (JᵀJ + μ·diag(JᵀJ)) δ = −Jᵀr at each step with a central-difference Jacobian, raising μ tenfold after a step
/// that does not lower the sum and lowering it after one that does. Small problems (a few parameters, a few
/// hundred residuals) are what it is for: the Jacobian costs two residual evaluations per parameter.
/// </summary>
public static class LevenbergMarquardt
{
    /// <param name="residuals">Writes the residuals at the parameters (first argument) into the buffer (second).</param>
    /// <param name="start">The starting parameters.</param>
    /// <param name="count">How many residuals there are.</param>
    /// <param name="project">Maps a trial point back into the feasible set (clamps bounds); identity when null.</param>
    /// <param name="maxIterations">Accepted or rejected steps before giving up.</param>
    /// <returns>The best parameters found and their sum of squared residuals.</returns>
    public static (double[] Parameters, double SumOfSquares) Minimise(Action<double[], double[]> residuals, double[] start, int count,
        Func<double[], double[]>? project = null, int maxIterations = 200)
    {
        int n = start.Length;
        var p = project?.Invoke([.. start]) ?? [.. start];
        var r = new double[count];
        residuals(p, r);
        double sum = SumOfSquares(r);
        double mu = 1e-3;
        var jacobian = new double[count, n];
        var plus = new double[count];
        var minus = new double[count];
        var trial = new double[count];
        for (int iteration = 0; iteration < maxIterations && sum > 0; iteration++)
        {
            for (int k = 0; k < n; k++)
            {
                double h = 1e-6 * Math.Max(1, Math.Abs(p[k]));
                double keep = p[k];
                p[k] = keep + h;
                residuals(p, plus);
                p[k] = keep - h;
                residuals(p, minus);
                p[k] = keep;
                for (int i = 0; i < count; i++) jacobian[i, k] = (plus[i] - minus[i]) / (2 * h);
            }
            var normal = new double[n, n];
            var gradient = new double[n];
            for (int a = 0; a < n; a++)
            {
                for (int i = 0; i < count; i++) gradient[a] += jacobian[i, a] * r[i];
                for (int b = a; b < n; b++)
                {
                    double s = 0;
                    for (int i = 0; i < count; i++) s += jacobian[i, a] * jacobian[i, b];
                    normal[a, b] = normal[b, a] = s;
                }
            }
            bool improved = false;
            while (!improved && mu < 1e12)
            {
                var damped = (double[,])normal.Clone();
                // A floor on the diagonal keeps a parameter the residuals do not see (an amplitude of zero) from making the system singular.
                for (int a = 0; a < n; a++) damped[a, a] += mu * Math.Max(normal[a, a], 1e-12);
                var step = Solve(damped, [.. gradient.Select(g => -g)]);
                var candidate = new double[n];
                for (int a = 0; a < n; a++) candidate[a] = p[a] + step[a];
                if (project is not null) candidate = project(candidate);
                residuals(candidate, trial);
                double trialSum = SumOfSquares(trial);
                if (double.IsFinite(trialSum) && trialSum < sum)
                {
                    bool converged = sum - trialSum <= 1e-12 * sum;
                    p = candidate;
                    (r, trial) = (trial, r);
                    sum = trialSum;
                    mu = Math.Max(mu / 10, 1e-12);
                    improved = true;
                    if (converged) return (p, sum);
                }
                else mu *= 10;
            }
            if (!improved) break;
        }
        return (p, sum);
    }

    private static double SumOfSquares(double[] r)
    {
        double s = 0;
        foreach (double v in r) s += v * v;
        return s;
    }

    /// <summary>Solves the symmetric positive-definite system a·x = b by Gaussian elimination with partial pivoting.</summary>
    internal static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < n; row++)
                if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col])) pivot = row;
            if (pivot != col)
            {
                for (int k = 0; k < n; k++) (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
                (x[col], x[pivot]) = (x[pivot], x[col]);
            }
            double d = m[col, col];
            if (d == 0) continue;
            for (int row = col + 1; row < n; row++)
            {
                double f = m[row, col] / d;
                if (f == 0) continue;
                for (int k = col; k < n; k++) m[row, k] -= f * m[col, k];
                x[row] -= f * x[col];
            }
        }
        for (int row = n - 1; row >= 0; row--)
        {
            double s = x[row];
            for (int k = row + 1; k < n; k++) s -= m[row, k] * x[k];
            x[row] = m[row, row] == 0 ? 0 : s / m[row, row];
        }
        return x;
    }
}

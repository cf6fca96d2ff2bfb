using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Tests.Numerics.Spectra;

/// <summary>Dense random symmetric matrices of the classical ensembles, and their product with a vector.</summary>
internal static class RandomMatrices
{
    /// <summary>A GOE matrix with off-diagonal variance σ²/n and diagonal variance 2σ²/n: semicircle of variance σ² as n grows.</summary>
    public static double[,] Goe(int n, double variance, int seed)
    {
        var normal = new NormalDraws(new Random(seed));
        var a = new double[n, n];
        double sd = Math.Sqrt(variance / n);
        for (int i = 0; i < n; i++)
        {
            a[i, i] = Math.Sqrt(2) * sd * normal.Next();
            for (int j = i + 1; j < n; j++) a[i, j] = a[j, i] = sd * normal.Next();
        }
        return a;
    }

    /// <summary>XXᵀ/m for X an n × m standard normal matrix: Marchenko–Pastur of ratio n/m as n grows.</summary>
    public static double[,] Wishart(int n, int m, int seed)
    {
        var normal = new NormalDraws(new Random(seed));
        var x = new double[n, m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++) x[i, j] = normal.Next();
        }
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < m; k++) sum += x[i, k] * x[j, k];
                a[i, j] = a[j, i] = sum / m;
            }
        }
        return a;
    }

    public static Func<double[], double[]> Multiplier(double[,] a) => v =>
    {
        int n = v.Length;
        var result = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++) sum += a[i, j] * v[j];
            result[i] = sum;
        }
        return result;
    };

    /// <summary>(1/n) tr Aᵏ for k = 1 … 4, exactly: tr A, ‖A‖_F², tr A³ = Σ (A²)_ij A_ji, ‖A²‖_F².</summary>
    public static double[] NormalisedTraceMoments(double[,] a)
    {
        int n = a.GetLength(0);
        var square = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++) sum += a[i, k] * a[k, j];
                square[i, j] = sum;
            }
        }
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        for (int i = 0; i < n; i++)
        {
            m1 += a[i, i];
            for (int j = 0; j < n; j++)
            {
                m2 += a[i, j] * a[i, j];
                m3 += square[i, j] * a[j, i];
                m4 += square[i, j] * square[i, j];
            }
        }
        return [m1 / n, m2 / n, m3 / n, m4 / n];
    }
}

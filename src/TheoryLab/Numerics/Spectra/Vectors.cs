namespace TheoryLab.Numerics.Spectra;

/// <summary>The few dense-vector operations the Krylov methods need.</summary>
internal static class Vectors
{
    public static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    public static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    /// <summary>y ← y + scale·x.</summary>
    public static void AddScaled(double[] y, double[] x, double scale)
    {
        for (int i = 0; i < y.Length; i++) y[i] += scale * x[i];
    }

    public static double[] Scaled(double[] x, double scale)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i++) y[i] = scale * x[i];
        return y;
    }
}

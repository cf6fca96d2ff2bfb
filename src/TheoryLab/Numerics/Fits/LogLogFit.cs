namespace TheoryLab.Numerics.Fits;

/// <summary>Least-squares line through (ln x, ln y): the exponent p of a power law y ∝ xᵖ.</summary>
internal static class LogLogFit
{
    /// <summary>The fitted slope of ln y against ln x; needs at least two distinct positive x.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count < 2) throw new ArgumentException("need at least two (x, y) pairs");
        var lx = x.Select(v => Math.Log(v)).ToArray();
        var ly = y.Select(v => Math.Log(v)).ToArray();
        double mx = lx.Average(), my = ly.Average();
        double sxy = 0, sxx = 0;
        for (int i = 0; i < lx.Length; i++)
        {
            sxy += (lx[i] - mx) * (ly[i] - my);
            sxx += (lx[i] - mx) * (lx[i] - mx);
        }
        return sxy / sxx;
    }
}

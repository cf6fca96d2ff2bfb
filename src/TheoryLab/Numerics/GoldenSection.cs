namespace TheoryLab.Numerics;

/// <summary>
/// Golden-section search: the minimum of a function that is unimodal on [low, high], shrinking the bracket by the
/// golden ratio each step. It needs no derivatives, which suits fits whose residual is only evaluated.
/// </summary>
public static class GoldenSection
{
    private static readonly double Ratio = (Math.Sqrt(5) - 1) / 2;

    /// <summary>The midpoint of the final bracket around the minimum of <paramref name="f"/> in [low, high], once it is narrower than <paramref name="tolerance"/>.</summary>
    public static double Minimum(Func<double, double> f, double low, double high, double tolerance, int maxSteps = 200)
    {
        for (int step = 0; step < maxSteps && high - low > tolerance; step++)
        {
            double a = high - Ratio * (high - low), b = low + Ratio * (high - low);
            if (f(a) <= f(b)) high = b;
            else low = a;
        }
        return 0.5 * (low + high);
    }
}

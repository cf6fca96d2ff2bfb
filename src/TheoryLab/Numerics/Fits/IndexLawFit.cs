namespace TheoryLab.Numerics.Fits;

/// <summary>
/// A fit of Pennington and Bahri's index law α = α₀ |(ε − ε_c)/ε_c|^p to critical points (ε, α) with α &gt; 0: for each
/// trial ε_c below the smallest such ε, ln α against ln((ε − ε_c)/ε_c) is a straight line (least squares gives p and
/// ln α₀); the ε_c with the least squared residual wins. With <paramref name="FixedExponent"/> the slope is held.
/// </summary>
/// <param name="CriticalLoss">ε_c.</param>
/// <param name="Amplitude">α₀.</param>
/// <param name="Exponent">p.</param>
/// <param name="Points">Critical points with α &gt; 0 the fit used.</param>
/// <param name="FixedExponent">Whether p was held rather than fitted.</param>
/// <param name="Residual">The least sum of squared residuals of ln α, the quantity the fit minimised.</param>
public sealed record IndexLawFit(double CriticalLoss, double Amplitude, double Exponent, int Points, bool FixedExponent, double Residual)
{
    /// <summary>α₀ |(ε − ε_c)/ε_c|^p for ε above ε_c, 0 below.</summary>
    public double Index(double loss) => loss > CriticalLoss ? Amplitude * Math.Pow((loss - CriticalLoss) / CriticalLoss, Exponent) : 0;

    /// <summary>Fits the law; null when fewer than three points have α &gt; 0.</summary>
    /// <param name="losses">ε of each critical point.</param>
    /// <param name="indices">α of each critical point.</param>
    /// <param name="fixedExponent">Hold p at this value (fitting ε_c and α₀ only), or null to fit it.</param>
    public static IndexLawFit? Fit(IReadOnlyList<double> losses, IReadOnlyList<double> indices, double? fixedExponent = null)
    {
        var points = losses.Zip(indices).Where(p => p.Second > 0).ToArray();
        if (points.Length < 3) return null;
        double smallest = points.Min(p => p.First);
        var y = points.Select(p => Math.Log(p.Second)).ToArray();
        var x = new double[points.Length];
        (double Slope, double Intercept, double Residual) LineAt(double criticalLoss)
        {
            for (int i = 0; i < x.Length; i++) x[i] = Math.Log((points[i].First - criticalLoss) / criticalLoss);
            return Line(x, y, fixedExponent);
        }

        // ε_c from 0.1 % to 99.9 % of the smallest loss with α > 0, ln-spaced so that more trials sit near the smallest
        // loss, where the fit is sensitive; then a golden-section search between the best trial's neighbours, since
        // points close to ε_c (reduced losses below the grid's step) need ε_c finer than any affordable grid.
        const int Trials = 2000;
        double Trial(int t) => smallest * Math.Exp(Math.Log(1e-3) * (1 - (t + 0.5) / Trials));
        int best = Enumerable.Range(0, Trials).MinBy(t => LineAt(Trial(t)).Residual);
        double low = Trial(Math.Max(best - 1, 0)), high = best + 1 < Trials ? Trial(best + 1) : 0.5 * (Trial(best) + smallest);
        double critical = GoldenSection.Minimum(c => LineAt(c).Residual, low, high, 1e-14 * smallest, 100);
        var (slope, intercept, residual) = LineAt(critical);
        return new IndexLawFit(critical, Math.Exp(intercept), slope, points.Length, fixedExponent is not null, residual);
    }

    /// <summary>Least-squares y ≈ slope·x + intercept (slope held when given) and the sum of squared residuals.</summary>
    private static (double Slope, double Intercept, double Residual) Line(double[] x, double[] y, double? fixedSlope)
    {
        double slope, intercept;
        if (fixedSlope is { } s) (slope, intercept) = (s, y.Average() - s * x.Average());
        else
        {
            var line = LeastSquaresLine.Fit(x, y);
            (slope, intercept) = double.IsNaN(line.Slope) ? (0, y.Average()) : (line.Slope, line.Intercept);
        }
        double residual = 0;
        for (int i = 0; i < x.Length; i++) residual += Math.Pow(y[i] - slope * x[i] - intercept, 2);
        return (slope, intercept, residual);
    }
}

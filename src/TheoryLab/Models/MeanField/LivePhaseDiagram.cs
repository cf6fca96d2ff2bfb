namespace TheoryLab.Models.MeanField;

/// <summary>
/// The phase diagram of <see cref="PhaseDiagram.Compute"/> at interactive speed, for the explorer's sliders: each
/// cell solves for q* by the same Newton iteration on the same length map, reading E[φ²], its slope and E[φ′²]
/// from <see cref="TabulatedMoments"/> instead of integrating them. Where q* leaves the table (divergent or very
/// long lengths) the cell falls back to <see cref="MeanFieldMaps"/>, so the answer agrees with the experiment's
/// diagram everywhere to the tables' accuracy.
/// </summary>
public static class LivePhaseDiagram
{
    public static PhaseDiagram Compute(Activation activation, double[] sigmaW2, double[] sigmaB2)
    {
        var tables = TabulatedMoments.Of(activation);
        var chi1 = new double[sigmaB2.Length, sigmaW2.Length];
        Parallel.For(0, sigmaB2.Length, i =>
        {
            // Along a row q* moves little from cell to cell, so each Newton solve starts from its neighbour's root.
            double start = 1;
            for (int j = 0; j < sigmaW2.Length; j++) chi1[i, j] = Chi1(tables, sigmaW2[j], sigmaB2[i], ref start);
        });
        int n = 2 * sigmaB2.Length;
        double top = sigmaB2.Max();
        var lineB2 = Enumerable.Range(0, n).Select(i => top * Math.Pow((double)i / (n - 1), 2)).ToArray();
        var lineW2 = new double[n];
        Parallel.For(0, n, i =>
        {
            // The search's σ_w² values are close to each other, so each solve starts from the last one's q* too.
            double start = 1;
            lineW2[i] = Criticality.CriticalSigmaW2(w => Chi1(tables, w, lineB2[i], ref start));
        });
        return new PhaseDiagram { SigmaW2 = sigmaW2, SigmaB2 = sigmaB2, Chi1 = chi1, CriticalSigmaB2 = lineB2, CriticalSigmaW2 = lineW2 };
    }

    /// <summary>χ₁ = σ_w² E[φ′(√q* z)²] at the attracting fixed point q* of the length map, solved from q = 1 as MeanFieldMaps does.</summary>
    public static double Chi1(TabulatedMoments tables, double sigmaW2, double sigmaB2)
    {
        double start = 1;
        return Chi1(tables, sigmaW2, sigmaB2, ref start);
    }

    /// <summary>χ₁ with Newton started from <paramref name="start"/>, which is left at this q* where one was found in the table (else at 1).</summary>
    private static double Chi1(TabulatedMoments tables, double sigmaW2, double sigmaB2, ref double start)
    {
        var phi = tables.Integrals.Activation;
        if (sigmaB2 == 0 && phi.Value(0) == 0 && sigmaW2 * tables.SecondMomentSlope(0) <= 1) return sigmaW2 * tables.DerivativeSecondMoment(0);
        // MeanFieldMaps' iteration: Newton where the map contracts, a plain step where it does not.
        double q = start;
        start = 1;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            if (!(q <= TabulatedMoments.MaxLength)) break;
            var (moment, momentSlope) = tables.SecondMomentWithSlope(q);
            double residual = sigmaW2 * moment + sigmaB2 - q;
            double slope = sigmaW2 * momentSlope - 1;
            double next = slope < 0 ? q - residual / slope : q + residual;
            if (!(next > 0)) next = q + residual;
            if (Math.Abs(next - q) <= 1e-13 * Math.Max(1, q))
            {
                if (next > TabulatedMoments.MaxLength) return Exact(tables, sigmaW2, sigmaB2);
                start = next;
                return sigmaW2 * tables.DerivativeSecondMoment(next);
            }
            q = next;
        }
        return Exact(tables, sigmaW2, sigmaB2);
    }

    private static double Exact(TabulatedMoments tables, double sigmaW2, double sigmaB2) => new MeanFieldMaps(tables.Integrals, sigmaW2, sigmaB2).Chi1;
}

using TheoryLab.Models.MeanField;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Experiments.SignalPropagation;

/// <summary>
/// An estimate of the correlation depth scale ξ_c from random networks, using the mean-field theory only for where to
/// start: two ensembles of input pairs start at correlations c* − δ and c* + δ (capped at 1, identical inputs, in the
/// ordered phase where c* = 1), and the difference D^l of their mean correlations decays like e^{−l/ξ_c} as both
/// approach c*. Symmetric starts cancel the curvature of the correlation map to first order; independent pairs
/// average the finite-width noise down, and the difference cancels what one network shifts for all its pairs.
/// </summary>
internal static class CorrelationDecay
{
    /// <summary>The mean over networks of the fitted decay rate 1/ξ_c (slope of −ln D^l over layers 1 … depth), with its standard error.</summary>
    public static (double Rate, double Error) Measure(MlpSpec spec, double delta, int pairs, int networks, Generator generator)
    {
        var maps = spec.MeanField();
        double qStar = maps.QStar, cStar = maps.CStar;
        // Inputs of length q⁰ with q¹ = σ_w² q⁰ + σ_b² = q*; input correlation c⁰ gives c¹ = (σ_w² q⁰ c⁰ + σ_b²)/q*.
        double q0 = (qStar - spec.SigmaB2) / spec.SigmaW2;
        double InputCorrelation(double c1) => Math.Min(1, (c1 * qStar - spec.SigmaB2) / (spec.SigmaW2 * q0));
        double below = InputCorrelation(cStar - delta), above = InputCorrelation(Math.Min(1, cStar + delta));
        double[] correlations = [.. Enumerable.Repeat(below, pairs), .. Enumerable.Repeat(above, pairs)];
        var measured = SignalMonteCarlo.Measure(spec, [], correlations, q0, networks, generator);
        var rates = new double[networks];
        for (int r = 0; r < networks; r++)
        {
            var logDifference = new double[spec.Depth];
            for (int l = 0; l < spec.Depth; l++)
            {
                double low = Enumerable.Range(0, pairs).Average(m => measured.CByNetwork[m][l][r]);
                double high = Enumerable.Range(pairs, pairs).Average(m => measured.CByNetwork[m][l][r]);
                logDifference[l] = Math.Log(high - low);
            }
            rates[r] = -Slope(logDifference);
        }
        double mean = rates.Average();
        return (mean, Math.Sqrt(rates.Sum(x => (x - mean) * (x - mean)) / (networks - 1) / networks));
    }

    /// <summary>Least-squares slope of y against its index.</summary>
    private static double Slope(double[] y)
    {
        double xMean = (y.Length - 1) / 2.0, yMean = y.Average(), num = 0, den = 0;
        for (int i = 0; i < y.Length; i++)
        {
            num += (i - xMean) * (y[i] - yMean);
            den += (i - xMean) * (i - xMean);
        }
        return num / den;
    }
}

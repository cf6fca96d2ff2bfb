using TheoryLab.Numerics.Statistics;

namespace TheoryLab.Models.MeanField;

/// <summary>
/// Lengths, correlations and χ₁ measured layer by layer on finite random networks: every network's value,
/// and their means with standard errors across networks (NaN for a single network). Index l − 1 holds layer l.
/// </summary>
public sealed record SignalMeasurement
{
    public required int Networks { get; init; }
    public required int Width { get; init; }

    /// <summary>q⁰ = |x|²/N₀ of the inputs whose lengths were followed.</summary>
    public required double[] InputLengths { get; init; }

    /// <summary>c⁰ of the input pairs whose correlations were followed.</summary>
    public required double[] InputCorrelations { get; init; }

    /// <summary>q⁰ of every input of the pairs.</summary>
    public required double PairLength { get; init; }

    /// <summary>QByNetwork[k][l − 1][r]: mean over neurons of (h_i^l)² in network r for the input of length InputLengths[k].</summary>
    public required double[][][] QByNetwork { get; init; }

    /// <summary>CByNetwork[m][l − 1][r]: cosine of the pre-activation vectors h^l in network r for the pair with correlation InputCorrelations[m].</summary>
    public required double[][][] CByNetwork { get; init; }

    /// <summary>
    /// Chi1ByNetwork[l − 1][r] = (1/N) ‖W^{l+1} diag φ′(h^l)‖_F², the mean squared singular value of the
    /// layer-to-layer Jacobian in network r, averaged over every input; its mean-field limit is χ₁ at q^l.
    /// The last layer has none (NaN).
    /// </summary>
    public required double[][] Chi1ByNetwork { get; init; }

    public double[][] Q => Means(QByNetwork);
    public double[][] QError => Errors(QByNetwork);
    public double[][] C => Means(CByNetwork);
    public double[][] CError => Errors(CByNetwork);
    public double[] Chi1 => Means([Chi1ByNetwork])[0];
    public double[] Chi1Error => Errors([Chi1ByNetwork])[0];

    /// <summary>
    /// The mean over networks of a per-network statistic (an average over some inputs and layers, say), with its
    /// standard error across networks, which accounts for whatever correlates the inputs and layers of one network.
    /// </summary>
    public (double Mean, double Error) AcrossNetworks(Func<int, double> perNetwork)
    {
        var values = Enumerable.Range(0, Networks).Select(perNetwork).ToArray();
        return (values.Average(), Moments.StandardError(values));
    }

    private static double[][] Means(double[][][] samples) => [.. samples.Select(s => s.Select(v => v.Average()).ToArray())];

    private static double[][] Errors(double[][][] samples) => [.. samples.Select(s => s.Select(v => Moments.StandardError(v)).ToArray())];
}

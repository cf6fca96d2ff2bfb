namespace TheoryLab.Models.MeanField;

/// <summary>
/// Lengths, correlations and χ₁ measured layer by layer on finite random networks, averaged over independent
/// networks, with standard errors across them (NaN for a single network). Index l − 1 holds layer l.
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

    /// <summary>Q[k][l − 1]: mean over neurons of (h_i^l)² for the input of length InputLengths[k].</summary>
    public required double[][] Q { get; init; }
    public required double[][] QError { get; init; }

    /// <summary>C[m][l − 1]: the cosine of the pre-activation vectors h^l of the pair with correlation InputCorrelations[m].</summary>
    public required double[][] C { get; init; }
    public required double[][] CError { get; init; }

    /// <summary>
    /// Chi1[l − 1] = (1/N) ‖W^{l+1} diag φ′(h^l)‖_F², the mean squared singular value of the layer-to-layer
    /// Jacobian, averaged over every input; its mean-field limit is χ₁ at q^l. The last layer has none (NaN).
    /// </summary>
    public required double[] Chi1 { get; init; }
    public required double[] Chi1Error { get; init; }
}

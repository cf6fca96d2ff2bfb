namespace TheoryLab.Models.MeanField;

/// <summary>
/// χ₁ over a grid of (σ_w², σ_b²) and the critical line χ₁ = 1 that separates the ordered from the chaotic
/// phase (Poole et al. 2016; Schoenholz et al. 2017). Rows are computed in parallel; each cell solves for q*
/// by Newton's method and integrates with the same precomputed quadrature rule.
/// </summary>
public sealed record PhaseDiagram
{
    /// <summary>Columns: σ_w² values.</summary>
    public required double[] SigmaW2 { get; init; }

    /// <summary>Rows: σ_b² values.</summary>
    public required double[] SigmaB2 { get; init; }

    /// <summary>Chi1[i, j] = χ₁ at (σ_w² = SigmaW2[j], σ_b² = SigmaB2[i]).</summary>
    public required double[,] Chi1 { get; init; }

    /// <summary>σ_b² values of the critical line, denser near 0 where it rises steeply (for tanh, from σ_w² = 1 at σ_b² = 0).</summary>
    public required double[] CriticalSigmaB2 { get; init; }

    /// <summary>CriticalSigmaW2[i]: the σ_w² where χ₁ = 1 at σ_b² = CriticalSigmaB2[i] (NaN where none in range).</summary>
    public required double[] CriticalSigmaW2 { get; init; }

    /// <summary>χ₁ on the grid sigmaW2 × sigmaB2, and the critical line at twice the σ_b² resolution, spaced quadratically.</summary>
    public static PhaseDiagram Compute(Activation activation, double[] sigmaW2, double[] sigmaB2, CancellationToken cancellation = default)
    {
        var integrals = new GaussianIntegrals(activation);
        var chi1 = new double[sigmaB2.Length, sigmaW2.Length];
        var options = new ParallelOptions { CancellationToken = cancellation };
        Parallel.For(0, sigmaB2.Length, options, i =>
        {
            for (int j = 0; j < sigmaW2.Length; j++) chi1[i, j] = new MeanFieldMaps(integrals, sigmaW2[j], sigmaB2[i]).Chi1;
        });
        int n = 2 * sigmaB2.Length;
        double top = sigmaB2.Max();
        var lineB2 = Enumerable.Range(0, n).Select(i => top * Math.Pow((double)i / (n - 1), 2)).ToArray();
        var lineW2 = new double[n];
        Parallel.For(0, n, options, i => lineW2[i] = Criticality.CriticalSigmaW2(integrals, lineB2[i]));
        return new PhaseDiagram { SigmaW2 = sigmaW2, SigmaB2 = sigmaB2, Chi1 = chi1, CriticalSigmaB2 = lineB2, CriticalSigmaW2 = lineW2 };
    }

    /// <summary>n evenly spaced values from max/n to max: a grid that leaves out 0, where χ₁ vanishes.</summary>
    public static double[] PositiveGrid(double max, int n) => [.. Enumerable.Range(1, n).Select(i => max * i / n)];

    /// <summary>n evenly spaced values from 0 to max.</summary>
    public static double[] Grid(double max, int n) => [.. Enumerable.Range(0, n).Select(i => n == 1 ? 0 : max * i / (n - 1))];
}

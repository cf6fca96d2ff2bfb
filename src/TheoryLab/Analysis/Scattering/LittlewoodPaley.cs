namespace TheoryLab.Analysis.Scattering;

/// <summary>
/// The Littlewood–Paley sum of a filter bank on a periodic grid,
/// A(ω) = |φ̂(ω)|² + ½ Σ_λ (|ψ̂_λ(ω)|² + |ψ̂_λ(−ω)|²).
/// By Parseval, for every real image x on the grid, ‖x ⋆ φ‖² + Σ_λ ‖x ⋆ ψ_λ‖² = (1/(rows·cols)) Σ_ω |x̂(ω)|² A(ω),
/// so min A and max A are the bank's frame bounds on real images; the ½(ω, −ω) average is what real inputs see,
/// since |x̂(ω)| = |x̂(−ω)| for them.
/// </summary>
public static class LittlewoodPaley
{
    public static double[,] Sum(double[,] lowPass, IEnumerable<double[,]> wavelets)
    {
        int rows = lowPass.GetLength(0), cols = lowPass.GetLength(1);
        var power = new double[rows, cols];
        foreach (var wavelet in wavelets)
        {
            if (wavelet.GetLength(0) != rows || wavelet.GetLength(1) != cols)
                throw new ArgumentException($"a {wavelet.GetLength(0)} × {wavelet.GetLength(1)} wavelet in a {rows} × {cols} bank", nameof(wavelets));
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++) power[r, c] += wavelet[r, c] * wavelet[r, c];
        }
        var sum = new double[rows, cols];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                double mirrored = power[(rows - r) % rows, (cols - c) % cols];
                sum[r, c] = lowPass[r, c] * lowPass[r, c] + 0.5 * (power[r, c] + mirrored);
            }
        }
        return sum;
    }

    /// <summary>The largest value of the sum: the bank's upper frame bound on real images.</summary>
    public static double Max(double[,] lowPass, IEnumerable<double[,]> wavelets) => Sum(lowPass, wavelets).Cast<double>().Max();
}

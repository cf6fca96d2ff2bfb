namespace TheoryLab.Numerics.Spectra;

/// <summary>
/// Pennington and Bahri's (2017) predicted index of a loss Hessian at a critical point of loss ε: α(ε) = the mass below
/// 0 of Marchenko–Pastur(φ) ⊞ semicircle(2ε) (<see cref="WishartPlusWigner"/>), the closed-form ε_c where it turns on,
/// and its inverse. The inverse answers what an index-law fit can resolve: a fit run on the prediction at the indices
/// a measurement found tells which exponent the theory itself shows over that range. The 3/2 is the square-root edge
/// of the density crossing zero, an asymptotic statement as α → 0; further from ε_c the predicted curve bends over
/// towards α → ½.
/// </summary>
public static class FreeSumIndex
{
    private const int TablePoints = 400;

    /// <summary>
    /// ε_c(φ) = (1 − 20φ − 8φ² + (1 + 8φ)^{3/2})/16 (for φ &lt; 1): the loss at which the free sum's lower edge reaches
    /// zero, so that α(ε) = 0 below it and α ∝ (ε − ε_c)^{3/2} just above.
    /// </summary>
    public static double CriticalLoss(double phi) => (1 - 20 * phi - 8 * phi * phi + Math.Pow(1 + 8 * phi, 1.5)) / 16;

    /// <summary>α(ε) for φ: the fraction of negative eigenvalues of the free sum with Wigner variance 2ε.</summary>
    public static double At(double phi, double loss) => new WishartPlusWigner(phi, 2 * loss).FractionBelow(0);

    /// <summary>
    /// The losses ε at which α(ε) equals each of <paramref name="indices"/> (for φ &lt; 1), by monotone interpolation in
    /// a table of α over ε = ε_c(1 + x) with x log-spaced from 10⁻⁵ to 10³; NaN for an index outside (0, the table's
    /// largest α].
    /// </summary>
    public static double[] LossesAt(double phi, IReadOnlyList<double> indices)
    {
        if (phi is <= 0 or >= 1) throw new TheoryLabException($"the free-sum index law needs 0 < φ < 1, not {phi}.");
        double critical = CriticalLoss(phi);
        var losses = new double[TablePoints];
        var alphas = new double[TablePoints];
        for (int k = 0; k < TablePoints; k++)
        {
            losses[k] = critical * (1 + Math.Pow(10, -5 + 8.0 * k / (TablePoints - 1)));
            // Integration error makes the table wobble at the 1e-9 level; a running maximum keeps it monotone.
            alphas[k] = Math.Max(At(phi, losses[k]), k > 0 ? alphas[k - 1] : 0);
        }
        return [.. indices.Select(a => Invert(a, losses, alphas))];
    }

    private static double Invert(double alpha, double[] losses, double[] alphas)
    {
        if (!(alpha > 0) || alpha > alphas[^1]) return double.NaN;
        if (alpha <= alphas[0]) return losses[0];
        int upper = Array.FindIndex(alphas, a => a >= alpha);
        double t = (alpha - alphas[upper - 1]) / (alphas[upper] - alphas[upper - 1]);
        return losses[upper - 1] + t * (losses[upper] - losses[upper - 1]);
    }
}

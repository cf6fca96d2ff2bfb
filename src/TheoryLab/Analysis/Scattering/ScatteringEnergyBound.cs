namespace TheoryLab.Analysis.Scattering;

/// <summary>
/// Bounds on the energy of Kymatio-style scattering coefficients that hold for every real image x on the padded
/// periodic grid, averaged over the 2^J × 2^J circular shifts of x (the shift average undoes the subsampling:
/// the mean over shifts of 4^k‖y↓2^k‖² is ‖y‖² exactly). With
/// A₀ = max LP sum of (φ, every ψ) on the full grid,
/// A₁ = max over j₁ of the LP sum of (φ, ψ_{j₂ &gt; j₁}) on the grid 2^j₁ times coarser, with the filters cut to it,
/// Φ = max |φ̂|² (at ω = 0, on every grid),
/// and E_m the shift-averaged 4^J‖S‖² summed over orders 0…m:
/// E₀ = ‖x ⋆ φ‖² ≤ A₀‖x‖²; E₁ ≤ max(1, Φ)·A₀‖x‖²; E₂ ≤ max(1, Φ)·max(1, A₁)·A₀‖x‖².
/// Each step uses Parseval on one layer (the modulus keeps energy: ‖|u|‖ = ‖u‖) and the shift average.
/// Kymatio's bank has A₀ slightly above 1, so ‖Sx‖ ≤ ‖x‖ itself is not guaranteed.
/// </summary>
public sealed record ScatteringEnergyBound(double FirstLayer, double SecondLayer, double LowPassPeak)
{
    /// <summary>The three constants A₀, A₁ and Φ of <paramref name="bank"/>.</summary>
    public static ScatteringEnergyBound Of(MorletFilterBank bank)
    {
        double firstLayer = LittlewoodPaley.Max(bank.LowPass, bank.Wavelets.Select(w => w.Fourier));
        double secondLayer = Enumerable.Range(0, bank.Scales).Max(j1 => LittlewoodPaley.Max(
            bank.LowPassAtResolution(j1),
            bank.Wavelets.Where(w => w.Scale > j1).Select(w => w.AtResolution(j1))));
        double lowPassPeak = bank.LowPass.Cast<double>().Max(v => v * v);
        return new(firstLayer, secondLayer, lowPassPeak);
    }

    /// <summary>The bound on the shift-averaged 4^J‖S‖² of orders 0…<paramref name="order"/>, per unit ‖x‖².</summary>
    public double UpToOrder(int order) => order switch
    {
        0 => FirstLayer,
        1 => Math.Max(1, LowPassPeak) * FirstLayer,
        2 => Math.Max(1, LowPassPeak) * Math.Max(1, SecondLayer) * FirstLayer,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "the transform has orders 0 to 2"),
    };
}

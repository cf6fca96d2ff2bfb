namespace TheoryLab.Numerics.Pde;

/// <summary>
/// An exact solution of the heat equation u_t = κ u_xx on x ∈ [0, 1] with zero boundary values: the separable
/// u(t, x) = e^{−κ(kπ)²t} sin(kπx), each Fourier mode decaying at its own rate κ(kπ)².
/// </summary>
/// <param name="Diffusivity">κ.</param>
/// <param name="Frequency">k, a positive integer.</param>
public sealed record HeatSine(double Diffusivity, int Frequency)
{
    /// <summary>u(0, x) = sin(kπx).</summary>
    public double Initial(double x) => Math.Sin(Frequency * Math.PI * x);

    /// <summary>u(t, x).</summary>
    public double Value(double t, double x) => Math.Exp(-Diffusivity * Math.Pow(Frequency * Math.PI, 2) * t) * Initial(x);
}

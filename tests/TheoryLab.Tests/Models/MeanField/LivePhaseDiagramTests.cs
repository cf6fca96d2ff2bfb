using TheoryLab.Models.MeanField;

namespace TheoryLab.Tests.Models.MeanField;

public class LivePhaseDiagramTests
{
    public static TheoryData<string> Names => [.. Activations.Names];

    /// <summary>
    /// χ₁ to 1e-5 (the tables' cubic interpolation is coarsest near q = 0 for softsign, whose φ″ jumps at 0); the
    /// critical line to 1e-3, except at σ_b² = 0 to 2e-2: there χ₁ = 1 is crossed tangentially on the chaotic side,
    /// so an error in χ₁ moves the crossing by about its square root or more (erf 6e-4, softsign 1.5e-2, where
    /// χ₁ − 1 ≈ (σ_w² − 1) − c√q* is flat and both computations are ill-conditioned).
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void TheTabulatedDiagram_AgreesWithTheExperimentsDiagram(string name)
    {
        var activation = Activations.ByName(name);
        var sigmaW2 = PhaseDiagram.PositiveGrid(5, 13);
        var sigmaB2 = PhaseDiagram.Grid(2, 13);
        var exact = PhaseDiagram.Compute(activation, sigmaW2, sigmaB2);
        var live = LivePhaseDiagram.Compute(activation, sigmaW2, sigmaB2);
        for (int i = 0; i < sigmaB2.Length; i++)
            for (int j = 0; j < sigmaW2.Length; j++)
                Assert.True(Math.Abs(live.Chi1[i, j] - exact.Chi1[i, j]) <= 1e-5 * Math.Max(1, exact.Chi1[i, j]),
                    $"{name} at σ_w² = {sigmaW2[j]}, σ_b² = {sigmaB2[i]}: χ₁ {live.Chi1[i, j]} against {exact.Chi1[i, j]}");
        for (int i = 0; i < exact.CriticalSigmaB2.Length; i++)
            if (double.IsNaN(exact.CriticalSigmaW2[i])) Assert.True(double.IsNaN(live.CriticalSigmaW2[i]), $"{name}: a critical point where the experiment finds none, at σ_b² = {exact.CriticalSigmaB2[i]}");
            else Assert.True(Math.Abs(exact.CriticalSigmaW2[i] - live.CriticalSigmaW2[i]) <= (exact.CriticalSigmaB2[i] == 0 ? 2e-2 : 1e-3),
                $"{name} at σ_b² = {exact.CriticalSigmaB2[i]}: critical σ_w² {live.CriticalSigmaW2[i]} against {exact.CriticalSigmaW2[i]}");
    }
}

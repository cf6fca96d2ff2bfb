using TheoryLab.Numerics;
using TheoryLab.Numerics.Spectra;

namespace TheoryLab.Tests.Numerics.Spectra;

public class FreeSumIndexTests
{
    [Theory]
    [InlineData(0.05)]
    [InlineData(0.125)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void CriticalLoss_IsWhereTheFreeSumsLowerEdgeReachesZero(double phi)
    {
        // The closed form against a second route: the root in ε of the numerically found lower edge of the density.
        double root = Brent.FindRoot(loss => new WishartPlusWigner(phi, 2 * loss).LowerEdge(), 1e-6, 1, 1e-12);

        Assert.Equal(FreeSumIndex.CriticalLoss(phi), root, FreeSumIndex.CriticalLoss(phi) * 1e-6);
    }

    [Fact]
    public void LossesAt_InvertsTheIndex()
    {
        double[] indices = [0.003, 0.05, 0.2];
        var losses = FreeSumIndex.LossesAt(0.25, indices);
        for (int i = 0; i < indices.Length; i++) Assert.Equal(indices[i], FreeSumIndex.At(0.25, losses[i]), indices[i] * 1e-3);
        Assert.True(double.IsNaN(FreeSumIndex.LossesAt(0.25, [0.0])[0]));
    }

    [Fact]
    public void LossesAt_RefusesPhiOfOneOrMore() =>
        Assert.Throws<TheoryLab.TheoryLabException>(() => FreeSumIndex.LossesAt(1.0, [0.1]));
}

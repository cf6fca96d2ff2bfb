using TheoryLab.Data.Mnist1D;

namespace TheoryLab.Tests.Data.Mnist1D;

public class Mnist1DTransformTests
{
    [Fact]
    public void Interpolate_ToTheSameLength_IsTheIdentity()
    {
        double[] x = [0.5, -1, 2, 3.25];
        Assert.Equal(x, Mnist1DTransform.Interpolate(x, 4));
    }

    [Fact]
    public void Interpolate_ThreeToFive_AddsMidpoints()
    {
        Assert.Equal([0, 1, 2, 0, -2], Mnist1DTransform.Interpolate([0, 2, -2], 5));
    }

    [Fact]
    public void Interpolate_BetweenExactZeros_StaysExactlyZero()
    {
        var x = Mnist1DTransform.Interpolate([1e-8, 1e-8, 0, 0, 0, 0, 0], 72);
        Assert.All(x.Skip(24), v => Assert.Equal(0.0, v));
        Assert.All(x.Take(12), v => Assert.NotEqual(0.0, v));
    }

    [Fact]
    public void Roll_ShiftsRightCircularly()
    {
        Assert.Equal([4, 5, 1, 2, 3], Mnist1DTransform.Roll([1, 2, 3, 4, 5], 2));
        Assert.Equal([1, 2, 3], Mnist1DTransform.Roll([1, 2, 3], 0));
    }

    [Fact]
    public void GaussianFilter_OfAConstant_IsThatConstant_EdgesIncluded()
    {
        Assert.All(Mnist1DTransform.GaussianFilter([.. Enumerable.Repeat(0.3, 20)], 2), v => Assert.Equal(0.3, v, 1e-12));
    }

    [Fact]
    public void GaussianFilter_OfAnImpulse_IsTheNormalisedKernelTruncatedAt4Sigma()
    {
        var impulse = new double[41];
        impulse[20] = 1;
        var response = Mnist1DTransform.GaussianFilter(impulse, 2);

        double norm = Enumerable.Range(-8, 17).Sum(k => Math.Exp(-k * k / 8.0));
        for (int k = -8; k <= 8; k++) Assert.Equal(Math.Exp(-k * k / 8.0) / norm, response[20 + k], 1e-12);
        Assert.Equal(0.0, response[11]);
        Assert.Equal(0.0, response[29]);
    }

    [Fact]
    public void GaussianFilter_ReflectsAboutTheEdgeIncludingTheEdgeValue()
    {
        // scipy's 'reflect' mode: index −1 reads x[0], −2 reads x[1]; so an impulse at 0 gets weight w0 + w1 at 0.
        var impulse = new double[30];
        impulse[0] = 1;
        var response = Mnist1DTransform.GaussianFilter(impulse, 2);
        double norm = Enumerable.Range(-8, 17).Sum(k => Math.Exp(-k * k / 8.0));
        Assert.Equal((1 + Math.Exp(-1 / 8.0)) / norm, response[0], 1e-12);
        Assert.Equal((Math.Exp(-1 / 8.0) + Math.Exp(-4 / 8.0)) / norm, response[1], 1e-12);
    }
}

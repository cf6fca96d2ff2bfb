using TheoryLab.Numerics;

namespace TheoryLab.Tests.Numerics;

public class GaussHermiteTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(64)]
    [InlineData(200)]
    public void Moments_OfTheStandardNormal_AreExactBelowDegree2n(int n)
    {
        var rule = GaussHermite.StandardNormal(n);
        double doubleFactorial = 1;
        for (int k = 0; 2 * k < Math.Min(2 * n, 24); k++)
        {
            if (k > 0) doubleFactorial *= 2 * k - 1;
            double even = rule.Sum(z => Math.Pow(z, 2 * k));
            double odd = rule.Sum(z => Math.Pow(z, 2 * k + 1));
            Assert.True(Math.Abs(even - doubleFactorial) <= 1e-12 * doubleFactorial, $"n = {n}: E[z^{2 * k}] = {even}, not {doubleFactorial}");
            Assert.True(Math.Abs(odd) <= 1e-12 * doubleFactorial, $"n = {n}: E[z^{2 * k + 1}] = {odd}, not 0");
        }
    }

    [Fact]
    public void Nodes_AreSymmetricAndIncreasing_AndWeightsPositive()
    {
        var rule = GaussHermite.StandardNormal(101);
        for (int i = 0; i < rule.Count; i++)
        {
            Assert.Equal(-rule.Nodes[rule.Count - 1 - i], rule.Nodes[i]);
            Assert.True(rule.Weights[i] > 0);
            if (i > 0) Assert.True(rule.Nodes[i] > rule.Nodes[i - 1]);
        }
        Assert.Equal(0, rule.Nodes[50]);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void TanhSquared_AgreesWithAdaptiveSimpsonTo1e8(double q)
    {
        double Integrand(double z) => Math.Pow(Math.Tanh(Math.Sqrt(q) * z), 2);
        double simpson = AdaptiveSimpson.Integrate(z => Integrand(z) * SpecialFunctions.NormalPdf(z), -12, 12, 1e-15);
        double hermite = GaussHermite.StandardNormal(200).Sum(Integrand);
        Assert.True(Math.Abs(hermite - simpson) <= 1e-8 * simpson, $"q = {q}: Gauss–Hermite {hermite:R}, Simpson {simpson:R}");
    }

    [Fact]
    public void GaussianTimesCosine_MatchesItsClosedForm()
    {
        // E[cos(a z)] = exp(−a²/2): an entire integrand, for which Gauss–Hermite converges fastest.
        foreach (double a in new[] { 0.5, 2.0, 4.0 })
            Assert.Equal(Math.Exp(-a * a / 2), GaussHermite.StandardNormal(64).Sum(z => Math.Cos(a * z)), 14);
    }

    [Fact]
    public void PanelRule_IsMoreAccurateThanGaussHermite_ForTanhAtLargeQ()
    {
        // tanh(√q z) has poles at distance π/(2√q) from the real axis, which slows Gauss–Hermite; the mean-field maps use panels.
        const double q = 7;
        double Integrand(double z) => Math.Pow(Math.Tanh(Math.Sqrt(q) * z), 2);
        double simpson = AdaptiveSimpson.Integrate(z => Integrand(z) * SpecialFunctions.NormalPdf(z), -12, 12, 1e-15);
        double hermiteError = Math.Abs(GaussHermite.StandardNormal(128).Sum(Integrand) - simpson);
        var panels = GaussianQuadrature.Piecewise([]);
        double panelError = Math.Abs(panels.Sum(Integrand) - simpson);
        Assert.True(panels.Count <= 200);
        Assert.True(panelError < 1e-10 * simpson, $"panel error {panelError}");
        Assert.True(hermiteError > 1e3 * panelError, $"Gauss–Hermite error {hermiteError}, panel error {panelError}");
    }

    [Fact]
    public void StandardNormal_RefusesNodeCountsItCannotCompute()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussHermite.StandardNormal(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussHermite.StandardNormal(GaussHermite.MaxNodes + 1));
    }
}

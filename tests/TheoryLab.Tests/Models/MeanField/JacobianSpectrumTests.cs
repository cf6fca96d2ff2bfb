using TheoryLab.Models.MeanField;

namespace TheoryLab.Tests.Models.MeanField;

public class JacobianSpectrumTests
{
    private static JacobianSpectrum Spectrum(Activation activation, WeightDistribution weights, int depth, double sigmaB2 = 0.05, double? sigmaW2 = null)
    {
        double w = sigmaW2 ?? Criticality.CriticalSigmaW2(activation, sigmaB2);
        return new MlpSpec(activation, w, sigmaB2, depth, 100, weights).JacobianSpectrum();
    }

    [Fact]
    public void GaussianLinear_AtDepthOne_IsMarchenkoPastur()
    {
        // JJᵀ = WWᵀ with W square and Var W_ij = 1/N: the Marchenko–Pastur law of ratio 1, √(4x − x²)/(2πx) on (0, 4).
        var spectrum = Spectrum(Activations.Linear, WeightDistribution.Gaussian, 1, sigmaB2: 0, sigmaW2: 1);
        Assert.Equal(4, spectrum.LargestEigenvalue, 9);
        double[] x = [0.01, 0.3, 1, 2, 3.5, 3.99];
        var density = spectrum.EigenvalueDensity(x);
        for (int i = 0; i < x.Length; i++)
            Assert.Equal(Math.Sqrt(4 * x[i] - x[i] * x[i]) / (2 * Math.PI * x[i]), density[i], 1e-7);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(32)]
    [InlineData(128)]
    public void GaussianLinear_UpperEdge_IsTheFussCatalanEdge(int depth)
    {
        // Products of L square Ginibre matrices: the squared singular values follow the Fuss–Catalan law with upper
        // edge (L + 1)^{L+1} / L^L (Penson and Życzkowski 2011).
        var spectrum = Spectrum(Activations.Linear, WeightDistribution.Gaussian, depth, sigmaB2: 0, sigmaW2: 1);
        double edge = Math.Exp((depth + 1) * Math.Log(depth + 1) - depth * Math.Log(depth));
        Assert.Equal(1, spectrum.LargestEigenvalue / edge, 10);
        Assert.Equal(depth, spectrum.Variance, 12);
        Assert.Equal(1, spectrum.Mean, 12);
    }

    [Fact]
    public void OrthogonalLinear_IsAPointMassAtSigmaW2ToTheL()
    {
        var spectrum = Spectrum(Activations.Linear, WeightDistribution.Orthogonal, 16, sigmaB2: 0, sigmaW2: 0.9);
        Assert.True(spectrum.IsPointMass);
        Assert.Equal(Math.Pow(0.9, 16), spectrum.Mean, 12);
        Assert.Equal(0, spectrum.Variance, 12);
    }

    [Theory]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("hard-tanh")]
    [InlineData("erf")]
    public void SlopeMoment_EqualsTheMeanFieldIntegralOfPhiPrimeSquared(string name)
    {
        // The atoms that stand for the law of φ′(h)² must reproduce E[φ′²] of the mean-field code (closed forms where they exist).
        var activation = Activations.ByName(name);
        var spectrum = Spectrum(activation, WeightDistribution.Gaussian, 4);
        double expected = new GaussianIntegrals(activation).DerivativeSecondMoment(spectrum.QStar);
        Assert.Equal(expected, spectrum.Mu1, 1e-12);
        Assert.Equal(1, spectrum.Chi1, 9);
    }

    [Theory]
    [InlineData("tanh", "orthogonal", 2)]
    [InlineData("tanh", "orthogonal", 32)]
    [InlineData("tanh", "gaussian", 8)]
    [InlineData("tanh", "gaussian", 32)]
    [InlineData("relu", "gaussian", 8)]
    [InlineData("relu", "orthogonal", 8)]
    [InlineData("hard-tanh", "orthogonal", 32)]
    [InlineData("linear", "gaussian", 16)]
    public void Density_IntegratesToTheClosedFormMeanAndVariance(string activation, string weights, int depth)
    {
        // The density comes from continuing the S-transform equation; the moments from its series alone. Integrating the
        // density of σ = √λ by the trapezoid rule on 3000 points errs by O(h^1.5) at the square-root edge (about 1e-5
        // relative) and by less near σ = 0, where σ^{2k} p(σ) vanishes: 2e-3 leaves room without hiding a wrong branch.
        var spectrum = Spectrum(Activations.ByName(activation), WeightDistribution.ByName(weights), depth);
        double top = Math.Sqrt(spectrum.LargestEigenvalue);
        const int points = 3000;
        var sigma = Enumerable.Range(1, points).Select(k => top * k / points).ToArray();
        var density = spectrum.SingularValueDensity(sigma);
        Assert.DoesNotContain(density, double.IsNaN);
        double Integral(Func<double, double> f)
        {
            double h = top / points, sum = 0, previous = 0;
            for (int k = 0; k < points; k++)
            {
                double current = f(sigma[k]) * density[k];
                sum += 0.5 * h * (previous + current);
                previous = current;
            }
            return sum;
        }
        double m1 = Integral(s => s * s), m2 = Integral(s => Math.Pow(s, 4));
        Assert.Equal(1, m1 / spectrum.Mean, 2e-3);
        Assert.Equal(1, (m2 - m1 * m1) / spectrum.Variance, 2e-3);
    }

    [Fact]
    public void OrthogonalTanh_DensityIntegratesToOne_AndReluPutsHalfTheEigenvaluesAtZero()
    {
        // A bounded density (no singularity at 0) integrates accurately: the trapezoid rule on 4000 points errs by O(h^1.5)
        // at the square-root edges, below 1e-4.
        var tanh = Spectrum(Activations.Tanh, WeightDistribution.Orthogonal, 4);
        double top = Math.Sqrt(tanh.LargestEigenvalue);
        const int points = 4000;
        var sigma = Enumerable.Range(1, points).Select(k => top * k / points).ToArray();
        Assert.Equal(1, tanh.SingularValueDensity(sigma).Sum() * top / points, 1e-3);
        Assert.Equal(0, tanh.ZeroFraction);
        Assert.Equal(0.5, Spectrum(Activations.Relu, WeightDistribution.Orthogonal, 4).ZeroFraction, 12);
    }
}

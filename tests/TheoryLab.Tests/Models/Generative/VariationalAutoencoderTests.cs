using TheoryLab.Models.Generative;
using TheoryLab.Models.MeanField;
using TheoryLab.Numerics.Statistics;
using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.Generative;

public class VariationalAutoencoderTests
{
    public VariationalAutoencoderTests() => TorchRuntime.EnsureLoaded();

    [Fact]
    public void KlPerUnit_IsTheClosedFormOfGaussianKl()
    {
        using var scope = NewDisposeScope();
        double[] means = [0, 1.5, -0.7], logVariances = [0, -1, 0.8];
        var kl = DiagonalGaussian.KlToStandardNormalPerUnit(tensor(means, dtype: float64), tensor(logVariances, dtype: float64)).data<double>().ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(GaussianKl.ToStandardNormal(means[i], logVariances[i]), kl[i], 14);
    }

    /// <summary>The Bernoulli log-likelihood of binary x written as Σ x log p + (1 − x) log(1 − p) with p the decoded mean.</summary>
    [Fact]
    public void BernoulliLogLikelihood_IsTheSumOfLogProbabilitiesOfThePixels()
    {
        using var scope = NewDisposeScope();
        using var generator = new TorchSharp.torch.Generator(1);
        using var model = new VariationalAutoencoder(6, 2, 8, 1, 2, Activations.Tanh, ObservationModel.Bernoulli, generator);
        var x = tensor(new float[] { 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1 }).reshape(2, 6);
        var z = randn([2, 2], generator: generator);
        var p = model.DecodeMean(z).to(float64).data<double>().ToArray();
        var pixels = x.to(float64).data<double>().ToArray();
        var logLikelihood = model.LogLikelihood(x, z).to(float64).data<double>().ToArray();
        for (int n = 0; n < 2; n++)
        {
            double direct = 0;
            for (int j = 0; j < 6; j++) direct += pixels[6 * n + j] == 1 ? Math.Log(p[6 * n + j]) : Math.Log(1 - p[6 * n + j]);
            Assert.Equal(direct, logLikelihood[n], 4);
        }
        Assert.Null(model.NoiseVariance);
    }

    /// <summary>The Gaussian decoder starts at σ² = 1, where log p(x|z) = −½ Σ (x − mean)² − (d/2) log 2π.</summary>
    [Fact]
    public void GaussianLogLikelihood_AtUnitVariance_IsTheHalfSquaredErrorPlusTheNormalisation()
    {
        using var scope = NewDisposeScope();
        using var generator = new TorchSharp.torch.Generator(2);
        using var model = new VariationalAutoencoder(5, 3, 8, 1, 1, Activations.Relu, ObservationModel.Gaussian, generator);
        var x = randn([4, 5], generator: generator);
        var z = randn([4, 3], generator: generator);
        var mean = model.DecodeMean(z);
        using Scalar minusHalf = (-0.5).ToScalar(), logNormaliser = (2.5 * Math.Log(2 * Math.PI)).ToScalar();
        var direct = (minusHalf * (x - mean).Squared().sum(-1) - logNormaliser).to(float64).data<double>().ToArray();
        var logLikelihood = model.LogLikelihood(x, z).to(float64).data<double>().ToArray();
        for (int n = 0; n < 4; n++) Assert.Equal(direct[n], logLikelihood[n], 4);
        Assert.Equal(1, model.NoiseVariance);
    }
}

using TheoryLab.Numerics;
using TheoryLab.Numerics.Spectra;

namespace TheoryLab.Tests.Numerics.Spectra;

/// <summary>
/// SLQ on random matrices whose densities are known: a GOE matrix (semicircle) and a Wishart matrix (Marchenko–Pastur).
/// Sizes n = 400 with 20 probes of 80 steps and a broadening of 0.15: the Gauss rule of 80 nodes integrates a Gaussian of
/// that width over spectra a few units wide to far below the probe noise, so what remains is the probes' noise (its
/// standard error is measured) and the finite-n difference between the sample's spectrum and the limit law.
/// </summary>
public class StochasticLanczosQuadratureTests
{
    private const int N = 400, Probes = 20, Steps = 80;
    private const double Width = 0.15;

    [Fact]
    public void Goe_MomentsMatchTheSamplesTraces_AndTheSemicircle()
    {
        var a = RandomMatrices.Goe(N, 1, seed: 1);
        var slq = StochasticLanczosQuadrature.Run(RandomMatrices.Multiplier(a), N, Probes, Steps, new Random(2));
        var exact = RandomMatrices.NormalisedTraceMoments(a);

        for (int k = 1; k <= 4; k++)
        {
            var moment = slq.Moment(k);
            // Against this matrix's own traces the only error is the probes': 4 standard errors.
            Assert.InRange(moment.Mean - exact[k - 1], -4 * moment.StandardError, 4 * moment.StandardError);
            // Against the limit (0, 1, 0, 2): the GOE's sample moments fluctuate by O(1/n) ≈ 0.01 besides; allow 0.05.
            Assert.Equal(RandomMatrixLaws.SemicircleMoment(k, 1), moment.Mean, 0.05 + 4 * moment.StandardError);
        }
    }

    [Fact]
    public void Goe_BroadenedDensityMatchesTheBroadenedSemicircle()
    {
        var a = RandomMatrices.Goe(N, 1, seed: 3);
        var slq = StochasticLanczosQuadrature.Run(RandomMatrices.Multiplier(a), N, Probes, Steps, new Random(4));
        double[] points = [-2.2, -1.5, -0.8, 0, 0.5, 1.2, 1.9];
        var estimates = slq.DensitySpread(points, Width, repeats: 5);

        for (int i = 0; i < points.Length; i++)
        {
            // λ = 2 sin t straightens the semicircle's square-root edges, so Gauss–Legendre converges fast.
            double theory = GaussLegendre.Integrate(t => 2 * Math.Cos(t) * RandomMatrixLaws.Semicircle(2 * Math.Sin(t), 1) * Gaussian(points[i] - 2 * Math.Sin(t)), -Math.PI / 2, Math.PI / 2, 200);
            // Probe noise (4 standard errors of 5 repeats) plus 0.02 for the sample's finite-n departure from the semicircle.
            Assert.Equal(theory, estimates[i].Mean, 0.02 + 4 * estimates[i].StandardError);
        }
    }

    [Fact]
    public void Wishart_DensityAndEdgesMatchMarchenkoPastur()
    {
        double ratio = 0.5;
        var a = RandomMatrices.Wishart(N, (int)(N / ratio), seed: 5);
        var multiply = RandomMatrices.Multiplier(a);
        var slq = StochasticLanczosQuadrature.Run(multiply, N, Probes, Steps, new Random(6));
        double lower = Math.Pow(1 - Math.Sqrt(ratio), 2), upper = Math.Pow(1 + Math.Sqrt(ratio), 2);

        double[] points = [0.2, 0.5, 1.0, 1.5, 2.2, 3.0];
        var estimates = slq.DensitySpread(points, Width, repeats: 5);
        for (int i = 0; i < points.Length; i++)
        {
            double x = points[i], centre = 0.5 * (lower + upper), radius = 0.5 * (upper - lower);
            // λ = centre − radius·cos t straightens both square-root edges.
            double theory = GaussLegendre.Integrate(t =>
            {
                double lambda = centre - radius * Math.Cos(t);
                return radius * Math.Sin(t) * RandomMatrixLaws.MarchenkoPastur(lambda, ratio) * Gaussian(x - lambda);
            }, 0, Math.PI, 200);
            Assert.Equal(theory, estimates[i].Mean, 0.02 + 4 * estimates[i].StandardError);
        }
        for (int k = 1; k <= 4; k++)
        {
            var moment = slq.Moment(k);
            // Moments of MP: 1, 1 + c, 1 + 3c + c², 1 + 6c + 6c² + c³; sample fluctuations O(1/n) relative, allow 3 %.
            Assert.Equal(RandomMatrixLaws.MarchenkoPasturMoment(k, ratio), moment.Mean, 0.03 * RandomMatrixLaws.MarchenkoPasturMoment(k, ratio) + 4 * moment.StandardError);
        }

        // Lanczos' extreme Ritz values approach the edges; at n = 400 the largest eigenvalue fluctuates by O(n^(−2/3)) ≈ 0.02.
        var ritz = Lanczos.Run(multiply, Enumerable.Repeat(1.0, N).ToArray(), 60).RitzValues();
        Assert.Equal(upper, ritz[^1], 0.1);
        Assert.Equal(lower, ritz[0], 0.05);
    }

    [Fact]
    public void FractionBelow_CountsTheNegativeHalfOfASymmetricSpectrum()
    {
        var a = RandomMatrices.Goe(200, 1, seed: 7);
        var slq = StochasticLanczosQuadrature.Run(RandomMatrices.Multiplier(a), 200, 10, 60, new Random(8));
        var fraction = slq.FractionBelow(0, repeats: 5);
        // The semicircle has half its mass below 0; a 60-node rule resolves that to about 1/60 per probe.
        Assert.Equal(0.5, fraction.Mean, 0.05);
    }

    private static double Gaussian(double x) => Math.Exp(-0.5 * x * x / (Width * Width)) / (Width * Math.Sqrt(2 * Math.PI));
}

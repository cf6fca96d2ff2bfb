using TheoryLab.Data.Toy;
using TheoryLab.Experiments.Generative;
using TheoryLab.Kernel;
using TheoryLab.Tests.Conformance;

namespace TheoryLab.Tests.Experiments.Generative;

/// <summary>
/// The quick run's forward process against a second computation: the first coordinate's density at step t by numerical
/// integration — the target's density (PlanarMixture, not the diffused mixture) integrated over the second coordinate,
/// scaled by √ᾱ_t and convolved with N(0, 1 − ᾱ_t) by quadrature, ᾱ_t summed from the schedule's β apart — and the
/// simulated histogram against it bin by bin.
/// </summary>
[Collection(QuickRunsCollection.Name)]
public class DiffusionTests(QuickRuns runs)
{
    private readonly ExperimentResult _result = runs["diffusion"].Result;
    private static readonly DiffusionOptions Quick = new Diffusion().Quick;
    private static readonly PlanarMixture Ring = PlanarMixture.Ring(sigma: Quick.TargetSigma);

    /// <summary>ᾱ_t = exp Σ_{s≤t} log(1 − β_s) with β_s linear from beta_first to beta_last.</summary>
    private static double AlphaBar(int t) => Math.Exp(Enumerable.Range(1, t)
        .Sum(s => Math.Log(1 - (Quick.BetaFirst + (Quick.BetaLast - Quick.BetaFirst) * (s - 1) / (Quick.DiffusionSteps - 1)))));

    private const double Step = 0.005;
    private static readonly double[] Grid = [.. Enumerable.Range(0, (int)(7 / Step) + 1).Select(i => -3.5 + i * Step)];

    /// <summary>The density of the first coordinate of x_0 on <see cref="Grid"/>: ∫ p(u, y) dy by the trapezoid rule.</summary>
    private static readonly Lazy<double[]> StartMarginal = new(() =>
        [.. Grid.Select(u => Grid.Sum(y => Ring.Density(u, y)) * Step)]);

    /// <summary>The density of √ᾱ x_0 + √(1 − ᾱ) z at <paramref name="x"/>, by quadrature over x_0's first coordinate.</summary>
    private static double DiffusedMarginal(int t, double x)
    {
        if (t == 0) return Grid.Sum(y => Ring.Density(x, y)) * Step;
        double a = AlphaBar(t), s = Math.Sqrt(1 - a), sum = 0;
        for (int i = 0; i < Grid.Length; i++)
            sum += StartMarginal.Value[i] * Math.Exp(-Math.Pow(x - Math.Sqrt(a) * Grid[i], 2) / (2 * s * s)) / (Math.Sqrt(2 * Math.PI) * s) * Step;
        return sum;
    }

    public static TheoryData<int> ForwardTimes() => [.. Quick.ForwardTimes];

    [Theory]
    [MemberData(nameof(ForwardTimes))]
    public void ClosedFormMarginal_AgreesWithIntegratingTheTargetAgainstTheNoise(int t)
    {
        var table = _result.Table("forward");
        var centres = table.Numbers("x");
        var closedForm = table.Numbers($"closed_form_t{t}");
        for (int b = 0; b < centres.Count; b++)
            Assert.Equal(DiffusedMarginal(t, centres[b]), closedForm[b], 1e-6);
        var moments = _result.Table("forward-moments");
        int row = moments.Numbers("t").ToList().IndexOf(t);
        Assert.Equal(AlphaBar(t), moments.Numbers("alpha_bar")[row], 1e-12);
    }

    /// <summary>
    /// Each bin of the simulated histogram holds the chains' share of the closed-form mass of the bin (its density
    /// averaged over the bin by Simpson's rule) within five binomial standard errors.
    /// </summary>
    [Theory]
    [MemberData(nameof(ForwardTimes))]
    public void SimulatedChains_FillEachBinAsTheClosedFormSays(int t)
    {
        var table = _result.Table("forward");
        var centres = table.Numbers("x");
        var histogram = table.Numbers($"simulated_t{t}");
        double width = centres[1] - centres[0];
        int chains = Quick.ForwardChains;
        for (int b = 0; b < centres.Count; b++)
        {
            double low = centres[b] - width / 2, high = centres[b] + width / 2;
            double mass = width / 6 * (DiffusedMarginal(t, low) + 4 * DiffusedMarginal(t, centres[b]) + DiffusedMarginal(t, high));
            double error = Math.Sqrt(mass * (1 - mass) / chains) + 1.0 / chains;
            Assert.InRange(histogram[b] * width, mass - 5 * error, mass + 5 * error);
        }
    }

    /// <summary>With the exact ε* and all T steps, DDIM's samples cannot be told from the target: MMD² within the floor's spread.</summary>
    [Fact]
    public void ExactScoreDdimWithAllSteps_IsAsCloseToTheTargetAsATargetSample()
    {
        var table = _result.Table("planar-quality");
        int last = table.RowCount - 1;
        Assert.Equal(Quick.DiffusionSteps, table.Numbers("sampling_steps")[last]);
        Assert.InRange(table.Numbers("mmd2_exact_ddim")[last], -1, table.Numbers("floor_spread")[last]);
    }
}

using TheoryLab.Analysis;
using TheoryLab.Analysis.Curvature;

namespace TheoryLab.Tests.Analysis.Curvature;

/// <summary>Lanczos, SLQ and Hutchinson on a small network's Hessian, against its exact spectrum.</summary>
public class HessianQuantitiesTests
{
    [Fact]
    public void Lanczos_FindsTheExactExtremeEigenvalues()
    {
        var problem = SmallProblems.TanhNetwork(seed: 7);
        using var hessian = HessianOperator.OverData(problem);
        var exact = HessianQuantities.ExactEigenvalues(hessian);

        // 40 steps on 67 dimensions with full reorthogonalisation: the top three have converged to rounding.
        var top = HessianQuantities.TopEigenvalues(hessian, 3, steps: 40, repeats: 3, new Random(8));
        for (int rank = 0; rank < 3; rank++)
        {
            Assert.Equal(exact[^(rank + 1)], top[rank].Mean, 1e-8 * exact[^1]);
            Assert.True(top[rank].StandardDeviation < 1e-8 * exact[^1]);
        }
    }

    [Fact]
    public void Slq_DensityAndMomentsMatchTheExactSpectrum_WithinFourStandardErrorsAndFivePercentOfThePeak()
    {
        var problem = SmallProblems.TanhNetwork(seed: 9);
        using var hessian = HessianOperator.OverData(problem);
        var exact = HessianQuantities.ExactEigenvalues(hessian);
        var slq = HessianQuantities.Density(hessian, probes: 30, steps: 30, new Random(10));

        // Broadened by a tenth of the spectrum's width, the density is a smooth function a 30-node rule integrates
        // well; what remains is probe noise, bounded by 4 standard errors of 5 repeats plus 5 % of the peak for bias.
        double width = 0.1 * (exact[^1] - exact[0]);
        var points = Enumerable.Range(0, 9).Select(i => exact[0] + (exact[^1] - exact[0]) * i / 8.0).ToArray();
        var estimate = slq.DensitySpread(points, width, repeats: 5);
        var truth = points.Select(x => exact.Average(l => Math.Exp(-0.5 * Math.Pow((x - l) / width, 2)) / (width * Math.Sqrt(2 * Math.PI)))).ToArray();
        for (int i = 0; i < points.Length; i++)
        {
            Assert.Equal(truth[i], estimate[i].Mean, 0.05 * truth.Max() + 4 * estimate[i].StandardError);
        }

        // Moments of the exact spectrum are (1/n) tr Hᵏ: SLQ's estimates lie within 4 standard errors.
        for (int k = 1; k <= 3; k++)
        {
            double moment = exact.Average(l => Math.Pow(l, k));
            var estimated = slq.Moment(k);
            Assert.InRange(estimated.Mean - moment, -4 * estimated.StandardError, 4 * estimated.StandardError);
        }
    }

    [Fact]
    public void Hutchinson_MatchesTheExactTrace_PerBlockToo()
    {
        var problem = SmallProblems.TanhNetwork(seed: 11);
        var batches = problem.Data.Epoch(0).ToList();
        var blocks = ParameterVector.PerLayer(problem.Model);
        var summaries = HessianQuantities.PerBlock(problem, batches, blocks, steps: 30, samples: 20, repeats: 10, new Random(12));

        foreach (var (block, summary) in blocks.Zip(summaries, (b, s) => (b, s)))
        {
            using var hessian = new HessianOperator(problem, batches, block);
            var exact = HessianQuantities.ExactEigenvalues(hessian);
            // Unbiased estimator: the mean of 10 repeats lies within 4 standard errors of tr H.
            Assert.InRange(summary.Trace.Mean - exact.Sum(), -4 * summary.Trace.StandardError, 4 * summary.Trace.StandardError);
            Assert.Equal(exact[^1], summary.TopEigenvalue.Mean, 1e-8 * Math.Abs(exact[^1]));
            Assert.Equal(block.Name, summary.Block);
        }
    }
}

using TheoryLab.Numerics.Spectra;

namespace TheoryLab.Tests.Numerics.Spectra;

public class HutchinsonTests
{
    [Fact]
    public void Trace_OfAWishartMatrix_IsWithinItsStatedSpread_AndTheSpreadFallsAsOneOverRootSamples()
    {
        int n = 200;
        var a = RandomMatrices.Wishart(n, 400, seed: 11);
        double exact = Enumerable.Range(0, n).Sum(i => a[i, i]);
        var multiply = RandomMatrices.Multiplier(a);

        var few = Hutchinson.Trace(multiply, n, samples: 4, repeats: 30, new Random(12));
        var many = Hutchinson.Trace(multiply, n, samples: 64, repeats: 30, new Random(13));

        // Unbiased: the mean of 30 repeats lies within 4 standard errors of the exact trace.
        Assert.InRange(few.Mean - exact, -4 * few.StandardError, 4 * few.StandardError);
        Assert.InRange(many.Mean - exact, -4 * many.StandardError, 4 * many.StandardError);
        // 16 times the samples: the spread falls 4-fold; the sample sd of 30 repeats is itself uncertain by ~13 %,
        // so the ratio of two of them lies in 4 × (1 ± 0.4) with room to spare.
        Assert.InRange(few.StandardDeviation / many.StandardDeviation, 2.4, 5.6);
    }

    [Fact]
    public void Trace_OfADiagonalMatrix_IsExactForRademacherProbes()
    {
        // vᵀDv = Σ dᵢvᵢ² = tr D for every ±1 probe.
        var d = new double[] { 1, -2, 3.5, 0.25 };
        var estimate = Hutchinson.Trace(v => [.. v.Select((x, i) => d[i] * x)], 4, samples: 3, repeats: 4, new Random(1));
        Assert.Equal(d.Sum(), estimate.Mean, 1e-12);
        Assert.Equal(0, estimate.StandardDeviation, 1e-12);
    }
}

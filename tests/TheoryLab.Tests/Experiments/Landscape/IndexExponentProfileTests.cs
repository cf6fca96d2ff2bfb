using TheoryLab.Experiments.Landscape;

namespace TheoryLab.Tests.Experiments.Landscape;

public class IndexExponentProfileTests
{
    /// <summary>
    /// Twelve critical points above ε_c with α = α₀((ε − ε_c)/ε_c)^p e^{σz}: reduced losses from 0.02 to 1, the span
    /// the n = 16 runs measure, and multiplicative noise, since counted indices scatter in proportion.
    /// </summary>
    private static (IReadOnlyList<double> Losses, IReadOnlyList<double> Indices) Group(
        double exponent, double criticalLoss, double amplitude, double noise, Random random)
    {
        var reduced = Enumerable.Range(0, 12).Select(k => 0.02 * Math.Pow(50, k / 11.0)).ToArray();
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return ([.. reduced.Select(x => criticalLoss * (1 + x))],
            [.. reduced.Select(x => amplitude * Math.Pow(x, exponent) * Math.Exp(noise * Gaussian()))]);
    }

    private static IndexExponentProfile Profile(double[] exponents, Random random, double noise = 0.25) =>
        IndexExponentProfile.Of([
            Group(exponents[0], 0.3, 0.1, noise, random),
            Group(exponents[1], 0.2, 0.2, noise, random),
            Group(exponents[2], 0.05, 0.3, noise, random),
        ])!;

    [Fact]
    public void SharedExponent_IntervalCoversTheTruth_AndTheTestRarelyRejects_AtAboutTheNominalRates()
    {
        // Monte Carlo: 40 data sets from one law with p = 3/2. A 95 % interval should miss about 2 of them (34 or
        // more covered has probability 0.99 if the level is right); the F test at 5 % should reject about 2.
        var random = new Random(7);
        int covered = 0, rejected = 0;
        for (int repeat = 0; repeat < 40; repeat++)
        {
            var profile = Profile([1.5, 1.5, 1.5], random);
            if (profile.Contains(1.5)) covered++;
            if (profile.SharedExponentPValue < 0.05) rejected++;
        }

        Assert.InRange(covered, 34, 40);
        Assert.InRange(rejected, 0, 6);
    }

    [Fact]
    public void LinearIndices_GiveAnEstimateNearOne_AndAnIntervalThatExcludesThreeHalves()
    {
        // Coverage is the Monte Carlo test's business; this one asks for power against the law's rival, p = 1.
        var profile = Profile([1.0, 1.0, 1.0], new Random(3));

        Assert.Equal(1.0, profile.Exponent, 0.3);
        Assert.False(profile.Contains(1.5), $"[{profile.Lower:F2}, {profile.Upper:F2}]");
        Assert.Equal(36, profile.Points);
    }

    [Fact]
    public void GroupsWithDifferentExponents_FailTheSharedExponentTest()
    {
        var profile = Profile([1.0, 1.5, 2.5], new Random(3));

        Assert.True(profile.SharedExponentPValue < 1e-3, $"p-value {profile.SharedExponentPValue:G3}");
    }

    [Fact]
    public void TooFewPositiveIndices_GiveNoProfile()
    {
        IReadOnlyList<double> losses = [0.3, 0.4, 0.5, 0.6], indices = [0, 0.01, 0.02, 0.04];

        Assert.Null(IndexExponentProfile.Of([(losses, indices)]));
    }
}

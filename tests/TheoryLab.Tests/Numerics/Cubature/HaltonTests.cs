using System.Globalization;
using TheoryLab.Numerics.Cubature;
using TheoryLab.Tests.Peers;

namespace TheoryLab.Tests.Numerics.Cubature;

/// <summary>The Halton points against their definition's first values and against scipy's <c>scipy.stats.qmc.Halton</c>.</summary>
public class HaltonTests
{
    [Fact]
    public void FirstPoints_AreTheRadicalInversesInBasesTwoAndThree()
    {
        // Halton (1960): i = 1, 2, 3, … mirrored in base 2 (1/2, 1/4, 3/4, 1/8, 5/8, 3/8) and base 3 (1/3, 2/3, 1/9, 4/9, 7/9, 2/9).
        double[,] expected = { { 1 / 2.0, 1 / 3.0 }, { 1 / 4.0, 2 / 3.0 }, { 3 / 4.0, 1 / 9.0 }, { 1 / 8.0, 4 / 9.0 }, { 5 / 8.0, 7 / 9.0 }, { 3 / 8.0, 2 / 9.0 } };
        var points = Halton.Points(6, 2);
        for (int i = 0; i < 6; i++)
            for (int d = 0; d < 2; d++) Assert.Equal(expected[i, d], points[i, d], 2e-16);   // the digits' sum rounds once per digit
        Assert.Equal(1 / 5.0 + 3 / 25.0, Halton.RadicalInverse(16, 5), 2e-16);   // 16 = 31₅
    }

    [ScipyPeerFact]
    public void Points_MatchScipysUnscrambledHaltonFromItsSecondPoint()
    {
        const int count = 200, dimension = 5;
        var (exit, output) = PyTorchPeer.RunScript(
            $"from scipy.stats import qmc\nfor row in qmc.Halton(d={dimension}, scramble=False).random({count + 1})[1:]:\n    print(' '.join(repr(float(v)) for v in row))\n",
            TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(count, rows.Length);
        var points = Halton.Points(count, dimension);
        for (int i = 0; i < count; i++)
        {
            var values = rows[i].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            for (int d = 0; d < dimension; d++) Assert.Equal(values[d], points[i, d], 1e-15);
        }
    }
}

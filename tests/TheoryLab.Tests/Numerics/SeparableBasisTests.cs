using System.Globalization;
using TheoryLab.Numerics;
using TheoryLab.Tests.Peers;

namespace TheoryLab.Tests.Numerics;

/// <summary>
/// The separable image bases: orthonormal (M Mᵀ = I, so Ψ = M ⊗ M is too, and energy is kept), the Haar transform
/// against hand-computed 2 × 2 and 4 × 4 cases, and the cosine transform against scipy.fft.dctn(…, norm="ortho").
/// </summary>
public class SeparableBasisTests
{
    public static TheoryData<string, int> Bases => new() { { "haar", 28 }, { "dct", 28 }, { "haar", 8 }, { "dct", 5 }, { "haar", 7 } };

    [Theory]
    [MemberData(nameof(Bases))]
    public void TheMatrix_IsOrthonormal(string name, int n)
    {
        var m = SeparableBasis.Named(name, n).Matrix;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                for (int k = 0; k < n; k++) dot += m[i, k] * m[j, k];
                Assert.True(Math.Abs(dot - (i == j ? 1 : 0)) < 1e-12, $"{name} {n}: row {i} · row {j} = {dot}");
            }
    }

    [Theory]
    [MemberData(nameof(Bases))]
    public void Analysis_KeepsEnergy_AndSynthesisInvertsIt(string name, int n)
    {
        var basis = SeparableBasis.Named(name, n);
        var random = new Random(7);
        var image = Enumerable.Range(0, n * n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var coefficients = basis.Analyse(image);
        double energy = image.Sum(v => v * v);
        Assert.True(Math.Abs(coefficients.Sum(c => c * c) - energy) < 1e-12 * energy, "Parseval fails");
        var back = basis.Synthesise(coefficients);
        Assert.True(back.Zip(image, (a, b) => Math.Abs(a - b)).Max() < 1e-12, "Ψᵀ Ψ x differs from x");
    }

    [Fact]
    public void Haar_OnTwoByTwo_GivesTheMeanAndTheThreeDifferences()
    {
        double a = 1, b = 2, c = 4, d = 8;
        var coefficients = SeparableBasis.Haar(2).Analyse([a, b, c, d]);
        // Rows and columns alike: (first + second)/√2, then (first − second)/√2.
        double[] expected = [(a + b + c + d) / 2, (a - b + c - d) / 2, (a + b - c - d) / 2, (a - b - c + d) / 2];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], coefficients[i], 1e-14);   // (√½)² rounds a few units in the last place from ½
    }

    [Fact]
    public void Haar_OnFour_HasTheTwoLevelWaveletsAsRows()
    {
        double h = 0.5, r = Math.Sqrt(0.5);
        double[,] expected = { { h, h, h, h }, { h, h, -h, -h }, { r, -r, 0, 0 }, { 0, 0, r, -r } };
        var m = SeparableBasis.Haar(4).Matrix;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) Assert.Equal(expected[i, j], m[i, j], 1e-15);
        // 4 × 4: a constant image has only the coarsest coefficient, 4 times its value (the norm of a constant 16-pixel image).
        var constant = SeparableBasis.Haar(4).Analyse([.. Enumerable.Repeat(3.0, 16)]);
        Assert.Equal(12, constant[0], 1e-14);
        Assert.All(constant.Skip(1), v => Assert.True(Math.Abs(v) < 1e-14));
    }

    [Fact]
    public void Haar_OnTwentyEight_TakesTwoLevels_TheCoarsestBlockAveragingFourByFour()
    {
        var m = SeparableBasis.Haar(28).Matrix;
        // Rows 0–6 average blocks of 4 pixels (each entry 1/2), rows 7–13 are level-two details, 14–27 level-one details.
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 28; j++) Assert.Equal(j / 4 == i ? 0.5 : 0, m[i, j], 1e-15);
        Assert.Equal(Math.Sqrt(0.5), m[14, 0], 1e-15);
        Assert.Equal(-Math.Sqrt(0.5), m[14, 1], 1e-15);
    }

    [ScipyPeerFact]
    public void Dct_MatchesScipysOrthonormalDctn()
    {
        const int n = 28;
        var random = new Random(3);
        var image = Enumerable.Range(0, n * n).Select(_ => Math.Round(random.NextDouble(), 6)).ToArray();
        string values = string.Join(",", image.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var (exit, output) = PyTorchPeer.RunScript(
            $"import numpy as np\nfrom scipy.fft import dctn\nx = np.array([{values}]).reshape({n}, {n})\nprint(' '.join(repr(float(v)) for v in dctn(x, norm='ortho').ravel()))\n",
            TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
        var expected = output.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var coefficients = SeparableBasis.Dct(n).Analyse(image);
        Assert.Equal(n * n, expected.Length);
        Assert.True(coefficients.Zip(expected, (a, b) => Math.Abs(a - b)).Max() < 1e-12, "the cosine coefficients differ from scipy's");
    }
}

using TheoryLab.Numerics.Spectra;

namespace TheoryLab.Tests.Numerics.Spectra;

public class LanczosTests
{
    private static Func<double[], double[]> Diagonal(double[] entries) => v => [.. v.Select((x, i) => entries[i] * x)];

    [Fact]
    public void FullLength_WithReorthogonalisation_RecoversEveryEigenvalue()
    {
        // 200 eigenvalues with a cluster near 1 and wide gaps: without reorthogonalisation ghosts of the extremes appear.
        int n = 200;
        var eigenvalues = Enumerable.Range(0, n).Select(i => i < 190 ? 1 + 0.001 * i : 10.0 * (i - 189)).ToArray();
        var lanczos = Lanczos.Run(Diagonal(eigenvalues), Enumerable.Repeat(1.0, n).ToArray(), n);

        var ritz = lanczos.RitzValues();
        Assert.Equal(n, ritz.Length);
        for (int i = 0; i < n; i++) Assert.Equal(eigenvalues[i], ritz[i], 1e-8);
    }

    [Fact]
    public void FewSteps_FindTheExtremeEigenvaluesFirst()
    {
        // Kaniel–Paige: the extremes converge geometrically at a rate set by the gap; 30 steps for a gap of 10 % suffice.
        int n = 500;
        var eigenvalues = Enumerable.Range(0, n).Select(i => (double)i / n).ToArray();
        eigenvalues[^1] = 1.1;
        eigenvalues[0] = -0.1;
        var lanczos = Lanczos.Run(Diagonal(eigenvalues), Enumerable.Repeat(1.0, n).ToArray(), 30);

        var ritz = lanczos.RitzValues();
        Assert.Equal(1.1, ritz[^1], 1e-8);
        Assert.Equal(-0.1, ritz[0], 1e-8);
    }

    [Fact]
    public void InvariantStart_StopsEarly_WithExactEigenvalues()
    {
        var eigenvalues = new double[] { 1, 2, 3, 4, 5, 6 };
        var start = new double[] { 1, 0, 1, 0, 0, 0 };
        var lanczos = Lanczos.Run(Diagonal(eigenvalues), start, 6);

        Assert.Equal(2, lanczos.Steps);
        var (nodes, weights) = lanczos.Quadrature();
        Assert.Equal(1, nodes[0], 1e-12);
        Assert.Equal(3, nodes[1], 1e-12);
        Assert.Equal(0.5, weights[0], 1e-12);
    }

    [Fact]
    public void GaussRule_IsExactForPolynomialsOfDegreeUpTo2kMinus1()
    {
        int n = 100, k = 5;
        var eigenvalues = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        var start = Enumerable.Range(0, n).Select(i => 1.0 + (i % 3)).ToArray();
        double norm2 = start.Sum(x => x * x);
        var (nodes, weights) = Lanczos.Run(Diagonal(eigenvalues), start, k).Quadrature();

        for (int degree = 0; degree <= 2 * k - 1; degree++)
        {
            double exact = Enumerable.Range(0, n).Sum(i => start[i] * start[i] * Math.Pow(eigenvalues[i], degree)) / norm2;
            double gauss = nodes.Select((x, i) => weights[i] * Math.Pow(x, degree)).Sum();
            Assert.Equal(exact, gauss, 1e-10);
        }
    }
}

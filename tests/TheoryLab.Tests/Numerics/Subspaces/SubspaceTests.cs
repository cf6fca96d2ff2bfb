using TheoryLab.Numerics.Subspaces;

namespace TheoryLab.Tests.Numerics.Subspaces;

/// <summary>Principal angles, the Jacobi eigensolver and the Eckart–Young bound on cases checkable by hand.</summary>
public class SubspaceTests
{
    private static double[,] Columns(params double[][] columns)
    {
        var m = new double[columns[0].Length, columns.Length];
        for (int c = 0; c < columns.Length; c++)
            for (int r = 0; r < columns[c].Length; r++) m[r, c] = columns[c][r];
        return m;
    }

    [Theory]
    [InlineData(1e-9)]
    [InlineData(1e-4)]
    [InlineData(0.3)]
    [InlineData(1.2)]
    [InlineData(Math.PI / 2)]
    public void LineAgainstRotatedLine_GivesTheRotationAngle(double theta)
    {
        // span{e₁} against span{cos θ e₁ + sin θ e₂} in R³: the one principal angle is θ, to relative rounding even when tiny.
        var angles = PrincipalAngles.Between(Columns([1, 0, 0]), Columns([Math.Cos(theta), Math.Sin(theta), 0]));
        Assert.Single(angles);
        Assert.Equal(theta, angles[0], theta * 1e-9 + 1e-15);
    }

    [Fact]
    public void PlanesWithKnownAngles_AnyBasis()
    {
        // span{e₁, e₂} against span{cos a e₁ + sin a e₃, cos b e₂ + sin b e₄}: angles a and b, whatever basis describes
        // the second plane (here mixed by an invertible, non-orthogonal 2 × 2 matrix and rescaled).
        double a = 0.2, b = 0.7;
        var v1 = new[] { Math.Cos(a), 0, Math.Sin(a), 0 };
        var v2 = new[] { 0, Math.Cos(b), 0, Math.Sin(b) };
        var mixed = Columns([.. v1.Zip(v2, (x, y) => 3 * x + y)], [.. v1.Zip(v2, (x, y) => -0.5 * x + 2 * y)]);
        var angles = PrincipalAngles.Between(Columns([1, 0, 0, 0], [0, 1, 0, 0]), mixed);
        Assert.Equal(a, angles[0], 1e-12);
        Assert.Equal(b, angles[1], 1e-12);
        Assert.Equal(b * 180 / Math.PI, PrincipalAngles.LargestDegrees(mixed, Columns([5, 0, 0, 0], [1, 1, 0, 0])), 1e-9);
    }

    [Fact]
    public void ALineInsideAPlane_HasAngleZero_InEitherOrder()
    {
        var line = Columns([1, 1, 0]);
        var plane = Columns([1, 0, 0], [0, 1, 0]);
        Assert.Equal(0, PrincipalAngles.Between(line, plane)[0], 1e-15);
        Assert.Equal(0, PrincipalAngles.Between(plane, line)[0], 1e-15);
        Assert.Equal(45, PrincipalAngles.LineAngleDegrees([1, 1, 0], [-3, 0, 0]), 1e-12);
    }

    [Fact]
    public void DependentColumns_AreRefused() =>
        Assert.Throws<ArgumentException>(() => PrincipalAngles.Between(Columns([1, 0, 0], [2, 0, 0]), Columns([1, 0, 0])));

    [Fact]
    public void Jacobi_GivesTheKnownSpectrum_AndAnOrthonormalEigenbasis()
    {
        // [[2, 1, 0], [1, 2, 0], [0, 0, 5]] has eigenvalues 5, 3, 1 (the 2 × 2 block's are 2 ± 1).
        var (values, vectors) = SymmetricEigen.Decompose(new double[,] { { 2, 1, 0 }, { 1, 2, 0 }, { 0, 0, 5 } });
        Assert.Equal([5, 3, 1], values.Select(v => Math.Round(v, 12)));
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(vectors[0, 1]), 1e-12);

        // A random symmetric 12 × 12: A v = λ v and VᵀV = I to rounding.
        var random = new Random(3);
        int n = 12;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++) a[i, j] = a[j, i] = random.NextDouble() - 0.5;
        var (l, v) = SymmetricEigen.Decompose(a);
        for (int c = 0; c < n; c++)
            for (int r = 0; r < n; r++)
            {
                double av = Enumerable.Range(0, n).Sum(k => a[r, k] * v[k, c]);
                Assert.Equal(l[c] * v[r, c], av, 1e-12);
            }
        var gram = DenseMatrices.Gram(v, v);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) Assert.Equal(i == j ? 1 : 0, gram[i, j], 1e-12);
        Assert.Equal(Enumerable.Range(0, n).Sum(i => a[i, i]), l.Sum(), 1e-12);
    }

    [Fact]
    public void EckartYoung_IsTheSumOfTheDiscardedEigenvalues()
    {
        Assert.Equal(1.5, EckartYoung.Bound([3, 1, 2, 0.5], 2));
        Assert.Equal(0, EckartYoung.Bound([3, 1, -1e-17], 2));
        Assert.Equal(6.5, EckartYoung.Bound([3, 1, 2, 0.5], 0));
    }

    [Fact]
    public void EckartYoung_IsReachedByTheTopEigenvectors_AndBeatsOtherProjections()
    {
        // Independent check by brute force: 200 points in R⁶ with unequal spreads; the mean error of projecting onto
        // the top-2 eigenvectors, summed point by point, equals the bound, and random planes do worse.
        var random = new Random(7);
        int n = 200, d = 6, k = 2;
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) x[i, j] = (random.NextDouble() - 0.5) * (j + 1) + 0.3 * (j > 0 ? x[i, j - 1] : 0);
        for (int j = 0; j < d; j++)
        {
            double mean = Enumerable.Range(0, n).Average(i => x[i, j]);
            for (int i = 0; i < n; i++) x[i, j] -= mean;
        }
        var c = DenseMatrices.Gram(x, x);
        for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) c[i, j] /= n;
        var (values, vectors) = SymmetricEigen.Decompose(c);
        double Error(double[,] basis)
        {
            var q = DenseMatrices.OrthonormalColumns(basis);
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                var coefficients = Enumerable.Range(0, q.GetLength(1)).Select(b => Enumerable.Range(0, d).Sum(j => x[i, j] * q[j, b])).ToArray();
                for (int j = 0; j < d; j++)
                {
                    double residual = x[i, j] - coefficients.Select((a, b) => a * q[j, b]).Sum();
                    total += residual * residual;
                }
            }
            return total / n;
        }
        var top = new double[d, k];
        for (int r = 0; r < d; r++) for (int b = 0; b < k; b++) top[r, b] = vectors[r, b];
        double bound = EckartYoung.Bound(values, k);
        Assert.Equal(bound, Error(top), bound * 1e-10);
        for (int trial = 0; trial < 20; trial++)
        {
            var plane = new double[d, k];
            for (int r = 0; r < d; r++) for (int b = 0; b < k; b++) plane[r, b] = random.NextDouble() - 0.5;
            Assert.True(Error(plane) > bound);
        }
    }
}

using TheoryLab.Numerics.Spectra;

namespace TheoryLab.Tests.Numerics.Spectra;

public class SymmetricTridiagonalTests
{
    [Fact]
    public void DiscreteLaplacian_HasCosineEigenvalues_AndSineSquaredFirstComponents()
    {
        // tridiag(−1, 2, −1) of size n: λ_k = 2 − 2cos(kπ/(n+1)), eigenvector entries √(2/(n+1)) sin(jkπ/(n+1)).
        int n = 40;
        var (values, weights) = SymmetricTridiagonal.Eigen(Enumerable.Repeat(2.0, n).ToArray(), Enumerable.Repeat(-1.0, n - 1).ToArray());

        for (int k = 1; k <= n; k++)
        {
            double angle = k * Math.PI / (n + 1);
            Assert.Equal(2 - 2 * Math.Cos(angle), values[k - 1], 1e-12);
            Assert.Equal(2.0 / (n + 1) * Math.Sin(angle) * Math.Sin(angle), weights[k - 1], 1e-12);
        }
    }

    [Fact]
    public void OneByOne_IsItsOwnEigenvalue()
    {
        var (values, weights) = SymmetricTridiagonal.Eigen([3.5], []);
        Assert.Equal([3.5], values);
        Assert.Equal([1.0], weights);
    }
}

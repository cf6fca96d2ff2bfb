using TheoryLab.Models.Adapters;
using TheoryLab.Numerics.Subspaces;
using TheoryLab.Torch;
using static TorchSharp.torch;

namespace TheoryLab.Tests.Models.Adapters;

/// <summary>
/// Truncated SVD against the Eckart–Young theorem, computed independently of torch's SVD by the Jacobi eigensolver
/// (<see cref="SymmetricEigen"/>): the Frobenius error of W_k is the tail Σ_{i&gt;k} σᵢ² (<see cref="EckartYoung.Bound"/>
/// of WᵀW's eigenvalues), its spectral error is σ_{k+1}, and the top right singular vectors are WᵀW's top eigenvectors.
/// </summary>
public class TruncatedSvdTests
{
    private static Tensor Matrix(int rows, int columns, ulong seed) => randn(rows, columns, dtype: float64, generator: new Generator(seed));

    private static double[,] ToArray(Tensor matrix)
    {
        var values = matrix.contiguous().data<double>().ToArray();
        int rows = (int)matrix.shape[0], columns = (int)matrix.shape[1];
        var array = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) array[r, c] = values[r * columns + c];
        return array;
    }

    [Theory]
    [InlineData(12, 9, 1)]
    [InlineData(12, 9, 4)]
    [InlineData(7, 15, 6)]
    public void TheTruncationErrors_AreTheTailOfTheSingularValues_EckartYoung(int rows, int columns, int k)
    {
        TorchRuntime.EnsureLoaded();
        using var w = Matrix(rows, columns, (ulong)(rows * columns + k));
        var jacobi = SymmetricEigen.SingularValues(ToArray(w));
        var gramEigenvalues = SymmetricEigen.Decompose(DenseMatrices.Gram(ToArray(w), ToArray(w))).Values;
        using var wk = TruncatedSvd.Approximate(w, k);
        using var residual = w - wk;

        double frobenius = residual.Squared().sum().AsDouble();
        double tail = EckartYoung.Bound(gramEigenvalues, k);
        Assert.True(Math.Abs(frobenius - tail) <= 1e-10 * tail, $"‖W − W_k‖_F² = {frobenius} against Σ tail σ² = {tail}");
        double spectral = SymmetricEigen.SingularValues(ToArray(residual))[0];
        Assert.True(Math.Abs(spectral - jacobi[k]) <= 1e-10 * jacobi[0], $"‖W − W_k‖₂ = {spectral} against σ_(k+1) = {jacobi[k]}");
        var kept = SymmetricEigen.SingularValues(ToArray(wk));
        for (int i = 0; i < k; i++) Assert.True(Math.Abs(kept[i] - jacobi[i]) <= 1e-10 * jacobi[0], $"W_k's σ_{i + 1} is {kept[i]}, not W's {jacobi[i]}");
        Assert.True(kept.Skip(k).All(s => s <= 1e-6 * jacobi[0]), "W_k has more than k non-zero singular values");
    }

    [Fact]
    public void TheFactors_AreTwoMapsOfWidthK_WhoseProductIsTheTruncation()
    {
        TorchRuntime.EnsureLoaded();
        using var w = Matrix(10, 8, 3);
        var (down, up) = TruncatedSvd.Factor(w, 3);
        using (down)
        using (up)
        {
            Assert.Equal(new long[] { 3, 8 }, down.shape);
            Assert.Equal(new long[] { 10, 3 }, up.shape);
            using var wk = TruncatedSvd.Approximate(w, 3);
            Assert.True(up.matmul(down).allclose(wk, rtol: 0, atol: 1e-12));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => TruncatedSvd.Factor(w, 9));
    }

    [Fact]
    public void TheTopRightSingularVectors_AreTheTopEigenvectorsOfTheGramMatrix()
    {
        TorchRuntime.EnsureLoaded();
        using var w = Matrix(9, 6, 5);
        var (values, vectors) = SymmetricEigen.Decompose(DenseMatrices.Gram(ToArray(w), ToArray(w)));
        var top = TruncatedSvd.TopRightSingularVectors(w, 3);
        var svdValues = TruncatedSvd.SingularValues(w);
        for (int k = 0; k < 3; k++)
        {
            double dot = Enumerable.Range(0, 6).Sum(i => top[i, k] * vectors[i, k]);
            Assert.True(Math.Abs(Math.Abs(dot) - 1) <= 1e-9, $"right singular vector {k + 1} meets the eigenvector at |cos| = {Math.Abs(dot)}");
            Assert.True(Math.Abs(svdValues[k] * svdValues[k] - values[k]) <= 1e-10 * values[0], $"σ_{k + 1}² = {svdValues[k] * svdValues[k]} against the eigenvalue {values[k]}");
        }
    }
}

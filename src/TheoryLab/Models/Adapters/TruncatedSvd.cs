using static TorchSharp.torch;

namespace TheoryLab.Models.Adapters;

/// <summary>
/// Low-rank factorisation by truncated singular value decomposition: W ≈ W_k = U_k Σ_k V_kᵀ, the best approximation of
/// rank k in the Frobenius and spectral norms (Eckart &amp; Young 1936), whose errors are the tail of the singular
/// values: ‖W − W_k‖_F² = Σ_{i&gt;k} σᵢ² and ‖W − W_k‖₂ = σ_{k+1}. Computed in float64 and returned in the matrix's type.
/// </summary>
public static class TruncatedSvd
{
    /// <summary>
    /// The factors of W_k as two affine maps in turn: <c>Down</c> = Σ_k^½ V_kᵀ (k × in) and <c>Up</c> = U_k Σ_k^½
    /// (out × k), so that Up·Down = W_k and a layer x ↦ Wx becomes x ↦ Up(Down x) with k(in + out) weights.
    /// </summary>
    public static (Tensor Down, Tensor Up) Factor(Tensor matrix, int rank)
    {
        if (matrix.shape.Length != 2) throw new ArgumentException($"need a matrix, got shape [{string.Join(", ", matrix.shape)}]", nameof(matrix));
        if (rank < 1 || rank > Math.Min(matrix.shape[0], matrix.shape[1]))
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"a {matrix.shape[0]} × {matrix.shape[1]} matrix has ranks 1 to {Math.Min(matrix.shape[0], matrix.shape[1])}");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (u, s, vh) = linalg.svd(matrix.detach().to(float64), fullMatrices: false);
        var root = s[..rank].sqrt();
        var down = (root.unsqueeze(1) * vh[..rank]).to(matrix.dtype);
        var up = (u[.., ..rank] * root.unsqueeze(0)).to(matrix.dtype);
        return (down.MoveToOuterDisposeScope(), up.MoveToOuterDisposeScope());
    }

    /// <summary>W_k, the rank-<paramref name="rank"/> truncation of <paramref name="matrix"/>.</summary>
    public static Tensor Approximate(Tensor matrix, int rank)
    {
        var (down, up) = Factor(matrix, rank);
        using (down)
        using (up)
            return up.matmul(down);
    }

    /// <summary>The singular values σ₁ ≥ σ₂ ≥ … of <paramref name="matrix"/>, in float64.</summary>
    public static double[] SingularValues(Tensor matrix)
    {
        using var noGrad = no_grad();
        using var values = linalg.svdvals(matrix.detach().to(float64));
        return values.data<double>().ToArray();
    }

    /// <summary>
    /// The input directions the matrix weighs most: its top <paramref name="count"/> right singular vectors, as the
    /// columns of an in × count array (float64), for comparing the subspaces two updates act on.
    /// </summary>
    public static double[,] TopRightSingularVectors(Tensor matrix, int count)
    {
        if (count < 1 || count > Math.Min(matrix.shape[0], matrix.shape[1]))
            throw new ArgumentOutOfRangeException(nameof(count), count, $"a {matrix.shape[0]} × {matrix.shape[1]} matrix has 1 to {Math.Min(matrix.shape[0], matrix.shape[1])} singular vectors");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (_, _, vh) = linalg.svd(matrix.detach().to(float64), fullMatrices: false);
        var top = vh[..count].contiguous().data<double>().ToArray();
        int inputs = (int)matrix.shape[1];
        var columns = new double[inputs, count];
        for (int k = 0; k < count; k++)
            for (int i = 0; i < inputs; i++) columns[i, k] = top[k * inputs + i];
        return columns;
    }
}

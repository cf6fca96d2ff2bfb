using TheoryLab.Numerics;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Adversarial;

/// <summary>
/// The sparsifying front end of Gopalakrishnan, Marzi, Cekic, Madhow &amp; Pedarsani (2018): x ↦ Ψᵀ top_K(Ψ x), each
/// image (the last two dimensions, n × n) projected onto the K basis vectors of an orthonormal basis Ψ along which it
/// has the largest coefficients. For a fixed selection S the map is the orthogonal projection P_S = Ψ_Sᵀ Ψ_S, so the
/// front end is piecewise linear and autograd's gradient through it is P_S times the gradient after it: an attack
/// that differentiates through it is their locally linear ("semi-white-box") attack. Ties: among coefficients of
/// equal magnitude the one listed first in the basis (the lower index, row by row) is kept, by a stable sort.
/// </summary>
public sealed class SparsifyingFrontEnd : nn.Module<Tensor, Tensor>
{
    private readonly Tensor _matrix;

    /// <param name="basis">The orthonormal basis Ψ, of the images' side.</param>
    /// <param name="keep">K, the coefficients kept per image, 1 to n².</param>
    public SparsifyingFrontEnd(SeparableBasis basis, int keep) : base($"top-{keep} {basis.Name}")
    {
        int n = basis.Size;
        if (keep < 1 || keep > n * n) throw new ArgumentOutOfRangeException(nameof(keep), keep, $"keep between 1 and {n * n} coefficients of a {n} × {n} image");
        Basis = basis;
        Keep = keep;
        var m = basis.Matrix;
        _matrix = tensor(Enumerable.Range(0, n * n).Select(i => m[i / n, i % n]).ToArray(), dtype: ScalarType.Float64).reshape(n, n);
        register_buffer("matrix", _matrix);
    }

    public SeparableBasis Basis { get; }

    /// <summary>K, the coefficients kept per image.</summary>
    public int Keep { get; }

    /// <summary>The fraction K/N of the N = n² coefficients kept.</summary>
    public double Fraction => (double)Keep / (Basis.Size * Basis.Size);

    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var m = _matrix.to(images.dtype, images.device);
        var coefficients = m.matmul(images).matmul(m.t());
        var kept = coefficients.mul(Selection(coefficients));
        return m.t().matmul(kept).matmul(m).MoveToOuterDisposeScope();
    }

    /// <summary>The coefficients Ψ x of images shaped […, n, n], in the same shape.</summary>
    public Tensor Coefficients(Tensor images)
    {
        using var noGrad = no_grad();
        var m = _matrix.to(images.dtype, images.device);
        return m.matmul(images).matmul(m.t());
    }

    /// <summary>The 0/1 mask, shaped like <paramref name="coefficients"/>, of the K largest magnitudes of each image (no gradient flows through it).</summary>
    public Tensor Selection(Tensor coefficients)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var flat = coefficients.detach().flatten(-2);
        var (_, order) = flat.abs().sort(-1, descending: true, stable: true);
        var top = order.narrow(-1, 0, Keep);
        var mask = zeros_like(flat).scatter_(-1, top, ones(top.shape, dtype: flat.dtype, device: flat.device));
        return mask.reshape(coefficients.shape).MoveToOuterDisposeScope();
    }

    /// <summary>The front end followed by <paramref name="model"/>: the classifier an attacker who knows the front end differentiates.</summary>
    public nn.Module<Tensor, Tensor> Before(nn.Module<Tensor, Tensor> model) => nn.Sequential(("front_end", this), ("model", model));
}

using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Analysis.Landscape;

/// <summary>
/// Li et al.'s (2018) filter-normalised random directions. A Gaussian direction d is drawn with the shape of the
/// weights θ, and each filter of d — a slice along the first axis of a weight tensor: one output channel of a
/// convolution, one neuron's incoming weights of an affine layer — is rescaled to the norm of the same filter of θ,
/// d_{i,j} ← d_{i,j} ‖θ_{i,j}‖ / ‖d_{i,j}‖. A step of size α then changes every filter by the same fraction of its
/// size, so plots of networks whose weights differ in scale (through weight decay, or the scale invariance batch norm
/// brings) can be compared. Tensors of one axis or none — biases and batch-norm scales and shifts — get zero
/// directions, as the paper's code does ("ignore biasbn").
/// </summary>
public static class FilterNormalizedDirections
{
    /// <summary>A filter-normalised direction for the weights of <paramref name="weights"/> at their current values, drawn from <paramref name="seed"/>.</summary>
    public static Tensor Draw(ParameterVector weights, long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var theta = weights.Flatten();
        using var scope = NewDisposeScope();
        var direction = randn(theta.shape, dtype: theta.dtype, generator: generator);
        Normalize(weights, direction, theta);
        return direction.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Rescales <paramref name="direction"/> (flat, laid out as <paramref name="weights"/>) in place, filter by filter, to
    /// the filter norms of <paramref name="theta"/>, zeroing its one-axis blocks. A filter of θ that is all zeros gets a
    /// zero direction.
    /// </summary>
    public static void Normalize(ParameterVector weights, Tensor direction, Tensor theta)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var tiny = 1e-30.ToScalar();
        var directions = weights.Split(direction);
        var thetas = weights.Split(theta);
        for (int k = 0; k < directions.Length; k++)
        {
            if (directions[k].dim() <= 1)
            {
                directions[k].zero_();
                continue;
            }
            long filters = directions[k].shape[0];
            var d = directions[k].view(filters, -1);
            var dNorm = d.norm(1, keepdim: true);
            var thetaNorm = thetas[k].reshape(filters, -1).norm(1, keepdim: true);
            d.mul_(thetaNorm.div(dNorm.clamp_min(tiny)));
        }
    }
}

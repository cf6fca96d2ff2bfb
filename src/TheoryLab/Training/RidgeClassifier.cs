using TheoryLab.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// A linear classifier fitted in closed form: each feature standardised by the training set's mean and standard
/// deviation, then ridge least squares on one-hot targets, W = (ZᵀZ + λnI)⁻¹ Zᵀ(Y − Ȳ), and the class of the
/// largest score. No iterations, no step size, no initialisation: the same data give the same classifier, which
/// is what a comparison of fixed features (Bruna &amp; Mallat's scattering) against learned ones needs.
/// </summary>
public sealed class RidgeClassifier : IDisposable
{
    private readonly Tensor _mean, _scale, _weights, _offset;

    /// <param name="features">n × d training features (any float dtype; fitted in float64).</param>
    /// <param name="labels">n class indices in [0, classes).</param>
    /// <param name="ridge">λ, the penalty per example on the standardised features' weights.</param>
    public RidgeClassifier(Tensor features, int[] labels, int classes, double ridge)
    {
        if (features.dim() != 2 || features.shape[0] != labels.Length)
            throw new ArgumentException($"features must be n × d with n = {labels.Length} labels, got ({string.Join(", ", features.shape)})", nameof(features));
        if (ridge <= 0) throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "the ridge must be positive");
        using var scope = NewDisposeScope();
        var x = features.to_type(ScalarType.Float64);
        long n = x.shape[0], d = x.shape[1];
        var mean = x.mean([0]);
        // A constant feature carries nothing; scale 1 keeps it at zero instead of dividing by zero.
        var std = x.std(0, unbiased: false);
        using var constant = 1e-12.ToScalar();
        var scale = where(std > constant, std, ones_like(std));
        var z = (x - mean) / scale;
        var targets = nn.functional.one_hot(tensor(labels.Select(l => (long)l).ToArray()), classes).to_type(ScalarType.Float64);
        var targetMean = targets.mean([0]);
        using var penalty = (ridge * n).ToScalar();
        var gram = z.T.matmul(z).Plus(eye(d, dtype: ScalarType.Float64) * penalty);
        var weights = linalg.solve(gram, z.T.matmul(targets - targetMean));
        _mean = mean.MoveToOuterDisposeScope();
        _scale = scale.MoveToOuterDisposeScope();
        _weights = weights.MoveToOuterDisposeScope();
        _offset = targetMean.MoveToOuterDisposeScope();
    }

    /// <summary>The n × classes scores of <paramref name="features"/>; the predicted class is the largest.</summary>
    public Tensor Scores(Tensor features)
    {
        using var scope = NewDisposeScope();
        var z = (features.to_type(ScalarType.Float64) - _mean) / _scale;
        return z.matmul(_weights).Plus(_offset).MoveToOuterDisposeScope();
    }

    /// <summary>The fraction of <paramref name="features"/> whose predicted class is not their label.</summary>
    public double Error(Tensor features, int[] labels)
    {
        using var scope = NewDisposeScope();
        var predicted = Scores(features).argmax(1).data<long>().ToArray();
        return predicted.Where((p, i) => p != labels[i]).Count() / (double)labels.Length;
    }

    public void Dispose()
    {
        _mean.Dispose();
        _scale.Dispose();
        _weights.Dispose();
        _offset.Dispose();
    }
}

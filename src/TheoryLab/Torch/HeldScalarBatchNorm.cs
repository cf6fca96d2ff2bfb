using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TheoryLab.Torch;

/// <summary>
/// TorchSharp's batch normalisation with its forward pass rewritten over the Scalars of <see cref="HeldScalars"/>:
/// TorchSharp 0.107's <c>BatchNorm.forward</c> counts a training batch with <c>num_batches_tracked.add_(1)</c>, which
/// makes two temporary Scalars (the 1 and the alpha), and with momentum unset reads the count through a third, all
/// left to the finaliser race. The parameters, buffers, their names and the arithmetic are TorchSharp's own (the
/// same base class and the same <c>nn.functional.batch_norm</c> call), so outputs, running statistics and state
/// dictionaries are bit for bit those of <c>nn.BatchNorm1d</c> and <c>nn.BatchNorm2d</c>.
/// </summary>
public sealed class HeldScalarBatchNorm : BatchNorm
{
    private readonly int _spatialDimensions;

    private HeldScalarBatchNorm(long features, int spatialDimensions, string name)
        : base(features, 1e-05, 0.1, true, true, null, null, name) => _spatialDimensions = spatialDimensions;

    /// <summary>In place of <c>nn.BatchNorm1d(features)</c>: input [N, C] or [N, C, L].</summary>
    public static HeldScalarBatchNorm BatchNorm1d(long features) => new(features, 1, nameof(BatchNorm1d));

    /// <summary>In place of <c>nn.BatchNorm2d(channels)</c>: input [N, C, H, W].</summary>
    public static HeldScalarBatchNorm BatchNorm2d(long channels) => new(channels, 2, nameof(BatchNorm2d));

    /// <summary>TorchSharp's <c>BatchNorm.forward</c> step for step, the count's Scalars held or kept alive.</summary>
    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        double averagingFactor = momentum ?? 0.0;
        if (training && track_running_stats && num_batches_tracked is not null)
        {
            num_batches_tracked.add_(HeldScalars.One, HeldScalars.One);
            if (momentum is null) averagingFactor = 1.0 / num_batches_tracked.AsDouble();
        }
        bool batchStatistics = training || (running_mean is null && running_var is null);
        bool passRunningStatistics = !training || track_running_stats;
        return nn.functional.batch_norm(input, passRunningStatistics ? running_mean : null, passRunningStatistics ? running_var : null,
            weight, bias, batchStatistics, averagingFactor, eps);
    }

    protected override void ValidateInputDimensions(Tensor input)
    {
        bool valid = _spatialDimensions == 1 ? input.ndim is 2 or 3 : input.ndim == 4;
        if (!valid)
            throw new ArgumentException($"expected {(_spatialDimensions == 1 ? "2D or 3D" : "4D")} input (got {input.ndim}D input)");
    }
}

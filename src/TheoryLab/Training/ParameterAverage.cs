using TorchSharp;
using static TorchSharp.torch;

namespace TheoryLab.Training;

/// <summary>
/// An exponential moving average of a module's trainable parameters, θ̄ ← d θ̄ + (1 − d) θ after every step, started at
/// the initial θ: the weights Ho et al. (2020) sample with (d = 0.9999), smoothing the noise that mini-batch steps
/// leave in the last iterates. <see cref="Callback"/> updates it during <see cref="Trainer.Train(Problem, Optimizers.IOptimizer, long, IReadOnlyList{TrainingCallback}, CancellationToken, DivergencePolicy)"/>;
/// <see cref="CopyInto"/> puts the average into the module.
/// </summary>
public sealed class ParameterAverage : IDisposable
{
    private readonly nn.Module module;
    private readonly Tensor[] averages;

    /// <param name="decay">d in [0, 1): the weight of the old average, so about 1/(1 − d) recent steps count.</param>
    public ParameterAverage(nn.Module module, double decay)
    {
        if (!(decay >= 0 && decay < 1)) throw new TheoryLabException($"average decay {decay}; give 0 ≤ d < 1 (0.999 averages about the last 1,000 steps).");
        this.module = module;
        Decay = decay;
        using var noGrad = no_grad();
        averages = [.. Trainable().Select(p => p.detach().clone().DetachFromDisposeScope())];
    }

    public double Decay { get; }

    /// <summary>Folds the current parameters into the average after every step (not before the first).</summary>
    public TrainingCallback Callback => moment =>
    {
        if (moment.IsStart) return;
        using var noGrad = no_grad();
        var parameters = Trainable();
        using var keep = Decay.ToScalar();
        using var fresh = (1 - Decay).ToScalar();
        for (int i = 0; i < averages.Length; i++) averages[i].mul_(keep).add_(parameters[i], alpha: fresh);
    };

    /// <summary>Overwrites the module's trainable parameters with their averages.</summary>
    public void CopyInto()
    {
        using var noGrad = no_grad();
        var parameters = Trainable();
        for (int i = 0; i < averages.Length; i++) parameters[i].copy_(averages[i]);
    }

    private Tensor[] Trainable() => [.. module.parameters().Where(p => p.requires_grad)];

    public void Dispose()
    {
        foreach (var average in averages) average.Dispose();
    }
}

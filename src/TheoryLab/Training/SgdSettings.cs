using TheoryLab.Training.Optimizers;
using TheoryLab.Training.Optimizers.Schedules;

namespace TheoryLab.Training;

/// <summary>
/// Stochastic gradient descent with heavy-ball momentum and L2 weight decay, as torch.optim.SGD applies them:
/// v ← μ v + (g + λ w), w ← w − η_k v, with η_k from <see cref="LearningRate"/> at step k.
/// </summary>
/// <param name="LearningRate">The step size of each step (a <see cref="ConstantStep"/>, a <see cref="CosineStep"/> over the run, …).</param>
/// <param name="Momentum">Momentum μ (0 for plain SGD).</param>
/// <param name="WeightDecay">L2 coefficient λ added to the gradient.</param>
public sealed record SgdSettings(IStepSchedule LearningRate, double Momentum = 0, double WeightDecay = 0)
{
    /// <summary>SGD with the fixed step size <paramref name="learningRate"/>.</summary>
    public SgdSettings(double learningRate, double momentum = 0, double weightDecay = 0)
        : this(new ConstantStep(learningRate), momentum, weightDecay)
    {
    }

    /// <summary>A fresh optimiser with these settings: <see cref="Sgd"/> or <see cref="HeavyBall"/>, behind <see cref="Optimizers.WeightDecay"/> when λ &gt; 0.</summary>
    public IOptimizer CreateOptimizer()
    {
        IOptimizer sgd = Momentum == 0 ? new Sgd(LearningRate) : new HeavyBall(LearningRate, Momentum);
        return WeightDecay == 0 ? sgd : new WeightDecay(sgd, WeightDecay);
    }
}

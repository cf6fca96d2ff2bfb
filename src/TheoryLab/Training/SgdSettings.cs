namespace TheoryLab.Training;

/// <summary>How the learning rate changes over a run of T steps.</summary>
public enum LearningRateSchedule
{
    /// <summary>η throughout.</summary>
    Constant,
    /// <summary>η_t = η (1 + cos(π t / T)) / 2: from η down to 0 at the last step (Loshchilov &amp; Hutter's annealing without restarts).</summary>
    Cosine,
}

/// <summary>
/// Stochastic gradient descent with heavy-ball momentum and L2 weight decay, as torch.optim.SGD applies them:
/// v ← μ v + (g + λ w), w ← w − η_t v, with η_t from <see cref="Schedule"/>.
/// </summary>
/// <param name="LearningRate">Step size η (the peak, under a decaying schedule).</param>
/// <param name="Momentum">Momentum μ (0 for plain SGD).</param>
/// <param name="WeightDecay">L2 coefficient λ added to the gradient.</param>
/// <param name="Schedule">How η changes over the run.</param>
public sealed record SgdSettings(double LearningRate, double Momentum = 0, double WeightDecay = 0, LearningRateSchedule Schedule = LearningRateSchedule.Constant)
{
    /// <summary>The learning rate of step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    public double LearningRateAt(long step, long totalSteps) => Schedule switch
    {
        LearningRateSchedule.Cosine => LearningRate * (1 + Math.Cos(Math.PI * step / totalSteps)) / 2,
        _ => LearningRate,
    };
}

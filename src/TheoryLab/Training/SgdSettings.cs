namespace TheoryLab.Training;

/// <summary>
/// Stochastic gradient descent with heavy-ball momentum and L2 weight decay, as torch.optim.SGD applies them:
/// v ← μ v + (g + λ w), w ← w − η v.
/// </summary>
/// <param name="LearningRate">Step size η.</param>
/// <param name="Momentum">Momentum μ (0 for plain SGD).</param>
/// <param name="WeightDecay">L2 coefficient λ added to the gradient.</param>
public sealed record SgdSettings(double LearningRate, double Momentum = 0, double WeightDecay = 0);

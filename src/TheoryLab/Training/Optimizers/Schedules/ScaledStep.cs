namespace TheoryLab.Training.Optimizers.Schedules;

/// <summary>
/// α_k = α·f(k): a base step scaled by a factor schedule, as torch's LambdaLR scales an optimiser's learning rate
/// (a cosine decay to zero is <c>new ScaledStep(η, new CosineStep(1, K))</c>).
/// </summary>
public sealed record ScaledStep(double Alpha, IStepSchedule Factor) : IStepSchedule
{
    public double StepSize(int step) => Alpha * Factor.StepSize(step);
}

namespace TheoryLab.Training.Optimizers.Schedules;

/// <summary>α_k = α_min + ½(α − α_min)(1 + cos(π k / K)) for k ≤ K, then α_min (cosine annealing without restarts).</summary>
public sealed record CosineStep(double Alpha, int Horizon, double AlphaMin = 0) : IStepSchedule
{
    public double StepSize(int step) =>
        step >= Horizon ? AlphaMin : AlphaMin + 0.5 * (Alpha - AlphaMin) * (1 + Math.Cos(Math.PI * step / Horizon));
}

namespace TheoryLab.Training.Optimizers.Schedules;

/// <summary>
/// α_k = β / (γ + k): the diminishing 1/k step of Bottou, Curtis and Nocedal (2018, Theorem 4.7), under which SGD's
/// optimality gap on a strongly convex problem falls as O(1/k).
/// </summary>
public sealed record InverseTimeStep(double Beta, double Gamma) : IStepSchedule
{
    public double StepSize(int step) => Beta / (Gamma + step);
}

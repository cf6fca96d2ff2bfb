namespace TheoryLab.Training.Optimizers.Schedules;

/// <summary>α_k = α · factor^⌊k / every⌋: the piecewise-constant decay used to train image classifiers.</summary>
public sealed record StepDecay(double Alpha, int Every, double Factor) : IStepSchedule
{
    public double StepSize(int step) => Alpha * Math.Pow(Factor, step / Every);
}

namespace TheoryLab.Training.Optimizers.Schedules;

/// <summary>α_k = α: the fixed step whose SGD iterates settle in a noise ball of radius proportional to α.</summary>
public sealed record ConstantStep(double Alpha) : IStepSchedule
{
    public double StepSize(int step) => Alpha;
}

namespace TheoryLab.Training.Optimizers.Schedules;

/// <summary>A step size α_k for step k = 0, 1, 2, …</summary>
public interface IStepSchedule
{
    /// <summary>The step size of step <paramref name="step"/> (counted from 0).</summary>
    double StepSize(int step);
}

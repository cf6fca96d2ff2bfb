namespace TheoryLab.Training;

/// <summary>What <see cref="Trainer"/> does when a batch loss is not finite: a NaN is never passed on as a number.</summary>
public enum DivergencePolicy
{
    /// <summary>Stop the run with a <see cref="TheoryLabException"/> naming the step, the learning rate and what to try.</summary>
    Fail,

    /// <summary>
    /// Stop training and say where in <see cref="TrainingSummary.Divergence"/>: for experiments whose measurement is
    /// whether a setting diverges (a sweep of learning rates or step scales).
    /// </summary>
    Record,
}

/// <summary>Where a training diverged.</summary>
/// <param name="Step">The step (counted from 1) whose batch loss was not finite; its update was not applied.</param>
/// <param name="Loss">That loss: NaN or an infinity.</param>
/// <param name="LearningRate">The optimiser's learning rate at the last update before it (<see cref="Optimizers.IOptimizer.LearningRate"/>).</param>
public sealed record TrainingDivergence(long Step, double Loss, double LearningRate);

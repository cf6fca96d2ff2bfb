namespace TheoryLab.Training.Optimizers.Schedules;

/// <summary>
/// α_k = α · factor^m(k), m(k) the number of milestones at or before k: a piecewise-constant schedule that changes by
/// the same factor at set points (torch's MultiStepLR). Milestones counted in epochs, through <see cref="PerEpochStep"/>,
/// give the step decays of image-classifier training (÷5 at epochs 60, 120 and 160 in Smith et al. 2018).
/// </summary>
/// <param name="Alpha">The value before the first milestone.</param>
/// <param name="Milestones">Where the value changes, in any order.</param>
/// <param name="Factor">What the value is multiplied by at each milestone (below 1 for a decay).</param>
public sealed record MilestoneStep(double Alpha, IReadOnlyList<int> Milestones, double Factor) : IStepSchedule
{
    public double StepSize(int step) => Alpha * Math.Pow(Factor, Milestones.Count(m => m <= step));
}

using TheoryLab.Kernel;

namespace TheoryLab.Training;

/// <summary>Ready-made callbacks and the step schedules they act on.</summary>
public static class TrainingCallbacks
{
    /// <summary>
    /// About <paramref name="points"/> + 1 distinct steps spread evenly from 0 to <paramref name="totalSteps"/>,
    /// both included: where to evaluate for a training curve.
    /// </summary>
    public static IReadOnlySet<long> EvenlySpaced(long totalSteps, int points)
    {
        if (points < 1) throw new ArgumentOutOfRangeException(nameof(points), points, "at least one interval is needed");
        var steps = new SortedSet<long>();
        for (int k = 0; k <= points; k++) steps.Add((long)Math.Round((double)k * totalSteps / points));
        return steps;
    }

    /// <summary>Runs <paramref name="action"/> at the given steps only (0 is before training, the total is the end).</summary>
    public static TrainingCallback At(IReadOnlySet<long> steps, TrainingCallback action) =>
        moment => { if (steps.Contains(moment.Step)) action(moment); };

    /// <summary>Advances <paramref name="task"/> one unit per step and shows the last batch's loss.</summary>
    public static TrainingCallback Progress(IProgressTask task) =>
        moment => { if (moment.BatchLoss is { } loss) task.Advance(1, $"loss {loss:F3}"); };
}

namespace TheoryLab.Training.Pinn;

/// <summary>
/// Curriculum regularisation (Krishnapriyan et al. 2021, Section 4.1): a PDE coefficient raised in stages, each stage
/// warm-started from the network the previous one trained, from an easy value to the hard target.
/// </summary>
public static class CoefficientCurriculum
{
    /// <summary>
    /// The stages from <paramref name="start"/> to <paramref name="target"/>: the start, then every multiple of
    /// <paramref name="step"/> above it and below the target, then the target (1, 10, 20, 30 for 1 → 30 by 10).
    /// </summary>
    public static double[] Stages(double start, double target, double step)
    {
        if (!(step > 0)) throw new TheoryLabException("the curriculum's step must be positive.");
        if (target < start) throw new TheoryLabException($"the curriculum's target {target} lies below its start {start}; raise the target.");
        var stages = new List<double> { start };
        for (double value = (Math.Floor(start / step) + 1) * step; value < target; value += step) stages.Add(value);
        if (target > start) stages.Add(target);
        return [.. stages];
    }
}

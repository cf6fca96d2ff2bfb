namespace TheoryLab.Training.Optimizers.Schedules;

/// <summary>
/// A schedule by epoch read out by step: step k takes the value <paramref name="byEpoch"/> gives the epoch that k falls
/// in. Epochs may hold different numbers of steps (a batch that grows by epoch makes them shorter), so the epoch of a
/// step is found from the steps each epoch holds, not by division.
/// </summary>
/// <param name="byEpoch">Any step schedule, read with the epoch number in place of the step number.</param>
/// <param name="stepsInEpoch">How many steps epoch e holds (<see cref="ScheduledBatches.BatchesIn"/>); at least 1.</param>
public sealed class PerEpochStep(IStepSchedule byEpoch, Func<int, long> stepsInEpoch) : IStepSchedule
{
    // _epochEnds[e] is the number of steps taken by the end of epoch e; grown on demand.
    private readonly List<long> _epochEnds = [];

    public double StepSize(int step) => byEpoch.StepSize(EpochOf(step));

    /// <summary>The epoch (from 0) that step <paramref name="step"/> (from 0) belongs to.</summary>
    public int EpochOf(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        while (_epochEnds.Count == 0 || _epochEnds[^1] <= step)
        {
            long steps = stepsInEpoch(_epochEnds.Count);
            if (steps < 1) throw new InvalidOperationException($"epoch {_epochEnds.Count} holds {steps} steps; every epoch needs at least one.");
            _epochEnds.Add((_epochEnds.Count == 0 ? 0 : _epochEnds[^1]) + steps);
        }
        int index = _epochEnds.BinarySearch(step);
        // An exact hit is the first step of the next epoch; otherwise the complement is the first end beyond the step.
        return index >= 0 ? index + 1 : ~index;
    }
}

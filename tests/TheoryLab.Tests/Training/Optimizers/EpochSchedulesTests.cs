using TheoryLab.Training.Optimizers.Schedules;

namespace TheoryLab.Tests.Training.Optimizers;

public class EpochSchedulesTests
{
    [Fact]
    public void MilestoneStep_MultipliesByTheFactorAtEachMilestone()
    {
        var schedule = new MilestoneStep(0.1, [3, 1], 0.5);
        Assert.Equal([0.1, 0.05, 0.05, 0.025, 0.025], Enumerable.Range(0, 5).Select(schedule.StepSize));
    }

    [Fact]
    public void PerEpochStep_GivesEachStepTheValueOfItsEpoch_WhenEpochsHoldDifferentNumbersOfSteps()
    {
        // Epochs of 3, 1, 2, 2, … steps: steps 0–2 are epoch 0, step 3 epoch 1, steps 4–5 epoch 2, steps 6–7 epoch 3.
        long[] lengths = [3, 1, 2];
        var perEpoch = new PerEpochStep(new MilestoneStep(1, [1, 2, 3], 10), e => e < lengths.Length ? lengths[e] : 2);
        Assert.Equal([0, 0, 0, 1, 2, 2, 3, 3, 4], Enumerable.Range(0, 9).Select(k => perEpoch.EpochOf(k)));
        Assert.Equal([1.0, 1, 1, 10, 100, 100, 1000, 1000, 1000], Enumerable.Range(0, 9).Select(perEpoch.StepSize));
    }
}

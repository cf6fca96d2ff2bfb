using TheoryLab.Training.Optimizers.Schedules;

namespace TheoryLab.Tests.Training.Optimizers;

public class StepScheduleTests
{
    [Fact]
    public void InverseTime_HalvesWhenStepsDouble_Asymptotically()
    {
        var schedule = new InverseTimeStep(Beta: 2, Gamma: 1);
        Assert.Equal(2.0, schedule.StepSize(0));
        Assert.Equal(2.0 / 1001, schedule.StepSize(1000), 15);
        Assert.Equal(0.5, schedule.StepSize(1999) / schedule.StepSize(999), 3);
    }

    [Fact]
    public void StepDecay_MultipliesByFactorEveryPeriod()
    {
        var schedule = new StepDecay(Alpha: 0.1, Every: 10, Factor: 0.5);
        Assert.Equal(0.1, schedule.StepSize(9));
        Assert.Equal(0.05, schedule.StepSize(10), 15);
        Assert.Equal(0.025, schedule.StepSize(25), 15);
    }

    [Fact]
    public void Cosine_FallsFromAlphaToAlphaMinOverTheHorizon()
    {
        var schedule = new CosineStep(Alpha: 1, Horizon: 100, AlphaMin: 0.1);
        Assert.Equal(1.0, schedule.StepSize(0), 15);
        Assert.Equal(0.55, schedule.StepSize(50), 12);
        Assert.Equal(0.1, schedule.StepSize(100), 15);
        Assert.Equal(0.1, schedule.StepSize(500), 15);
    }
}

using System.Diagnostics;
using TheoryLab.Training;

namespace TheoryLab.Tests.Training;

public class ThreadClockTests
{
    [Fact]
    public void OnLinux_CountsProcessorTime_NotWallTime()
    {
        Assert.Equal(OperatingSystem.IsLinux(), ThreadClock.CountsProcessorTime);
    }

    [Fact]
    public void Sleeping_CostsNoProcessorTime_WhileWorkCostsAtMostItsWallTime()
    {
        if (!ThreadClock.CountsProcessorTime) return;
        double start = ThreadClock.Seconds();
        Thread.Sleep(300);
        double slept = ThreadClock.Seconds() - start;
        Assert.InRange(slept, 0, 0.05);

        // Spin until the thread has used 0.1 s of processor time: the clock advances with work, and never faster than
        // the wall clock (a busy machine only slows it).
        var wall = Stopwatch.StartNew();
        start = ThreadClock.Seconds();
        double worked;
        do worked = ThreadClock.Seconds() - start;
        while (worked < 0.1 && wall.Elapsed < TimeSpan.FromMinutes(1));
        Assert.InRange(worked, 0.1, wall.Elapsed.TotalSeconds + 1e-3);
    }
}

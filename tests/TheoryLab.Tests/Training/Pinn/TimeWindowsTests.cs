using TheoryLab.Training.Pinn;

namespace TheoryLab.Tests.Training.Pinn;

/// <summary>
/// The sequence-to-sequence schedule: which window owns each time, and that windows which each carry their initial
/// condition exactly, chained end to start, stitch into the exact travelling wave.
/// </summary>
public class TimeWindowsTests
{
    [Fact]
    public void GridTimes_BelongToTheWindowTheyStart_AndTheEndToTheLast()
    {
        var windows = new TimeWindows(1, 10);
        Assert.Equal(0.1, windows.Length, 1e-15);
        Assert.Equal(0, windows.WindowOf(0));
        Assert.Equal(0, windows.WindowOf(0.099));
        Assert.Equal(3, windows.WindowOf(0.3));          // 0.3 / 0.1 rounds to 2.9999999999999996
        Assert.Equal(0, windows.LocalTime(0.3), 1e-15);
        Assert.Equal(9, windows.WindowOf(1));
        Assert.Equal(0.1, windows.LocalTime(1), 1e-15);
        Assert.Throws<TheoryLabException>(() => windows.WindowOf(1.01));
    }

    [Fact]
    public void ChainedExactWindows_StitchIntoTheExactSolution()
    {
        // Window k starts from the previous window's values at its end, tabulated on a periodic grid, and carries them
        // at speed β exactly (shifted by interpolation of the periodic tabulation); the stitched result must be sin(x − βt).
        const double beta = 30;
        const int positions = 4096;
        var windows = new TimeWindows(1, 10);
        double dx = 2 * Math.PI / positions;
        double[] values = [.. Enumerable.Range(0, positions).Select(j => Math.Sin(j * dx))];
        double Carried(double[] initial, double x, double local)
        {
            // u_k(x, τ) = u_k(x − βτ, 0), the exact solution of one window, read off the tabulated initial values.
            double s = (x - beta * local) / dx;
            double cell = Math.Floor(s);
            double w = s - cell;
            int a = (int)(((long)cell % positions + positions) % positions), b = (a + 1) % positions;
            return (1 - w) * initial[a] + w * initial[b];
        }
        var starts = new List<double[]>();
        for (int k = 0; k < windows.Count; k++)
        {
            starts.Add(values);
            var current = values;
            values = [.. Enumerable.Range(0, positions).Select(j => Carried(current, j * dx, windows.Length))];
        }
        foreach (double t in new[] { 0, 0.05, 0.1, 0.37, 0.5, 0.99, 1 })
            foreach (double x in new[] { 0.0, 1.0, 4.2 })
            {
                int k = windows.WindowOf(t);
                Assert.Equal(Math.Sin(x - beta * t), Carried(starts[k], x, windows.LocalTime(t)), 1e-5);
            }
    }
}

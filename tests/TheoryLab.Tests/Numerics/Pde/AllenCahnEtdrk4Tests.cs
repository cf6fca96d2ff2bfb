using TheoryLab.Numerics.Pde;

namespace TheoryLab.Tests.Numerics.Pde;

/// <summary>
/// The Fourier–ETDRK4 solver against exact solutions of its linear cases (heat, and heat with linear growth, mode by
/// mode), its fourth order in time on Allen–Cahn itself against a fine-step solution, and the maximum principle.
/// </summary>
public class AllenCahnEtdrk4Tests
{
    /// <summary>cos(πx) + 0.5 sin(3πx) − 0.25 cos(8πx), whose modes the grid holds exactly.</summary>
    private static double Modes(double x) => Math.Cos(Math.PI * x) + 0.5 * Math.Sin(3 * Math.PI * x) - 0.25 * Math.Cos(8 * Math.PI * x);

    private static double ExactLinear(double t, double x, double d, double a) =>
        Math.Exp((a - d * Math.PI * Math.PI) * t) * Math.Cos(Math.PI * x)
        + 0.5 * Math.Exp((a - 9 * d * Math.PI * Math.PI) * t) * Math.Sin(3 * Math.PI * x)
        - 0.25 * Math.Exp((a - 64 * d * Math.PI * Math.PI) * t) * Math.Cos(8 * Math.PI * x);

    [Theory]
    [InlineData(0.0, 1e-13)]
    [InlineData(5.0, 1e-10)]
    public void LinearCases_FollowTheExactFourierSolution(double growth, double tolerance)
    {
        const double d = 0.01;
        var solver = new AllenCahnEtdrk4(64, d, growth, cubicReaction: 0);
        var u = solver.Solve(Modes, 1, 11, 100);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < 11; i++)
            for (int j = 0; j < solver.Positions.Length; j++)
            {
                double exact = ExactLinear(i * 0.1, solver.Positions[j], d, growth);
                scale = Math.Max(scale, Math.Abs(exact));
                worst = Math.Max(worst, Math.Abs(u[i, j] - exact));
            }
        Assert.InRange(worst / scale, 0, tolerance);
    }

    [Fact]
    public void AllenCahn_ConvergesAtFourthOrderInTime()
    {
        // The benchmark on 128 points to t = 0.5: errors at h = 0.01, 0.005, 0.0025 against h = 0.0001.
        var solver = new AllenCahnEtdrk4(128);
        double[] Final(int steps) { var u = solver.Solve(AllenCahnEtdrk4.BenchmarkInitial, 0.5, 2, steps); return [.. Enumerable.Range(0, 128).Select(j => u[1, j])]; }
        var fine = Final(5000);
        double[] errors = [.. new[] { 50, 100, 200 }.Select(steps => Final(steps).Zip(fine, (a, b) => Math.Abs(a - b)).Max())];
        for (int k = 0; k + 1 < errors.Length; k++)
        {
            double order = Math.Log2(errors[k] / errors[k + 1]);
            Assert.InRange(order, 3.7, 4.3);
        }
        Assert.InRange(errors[0], 1e-9, 1e-4);
    }

    [Fact]
    public void AllenCahn_StaysInTheUnitInterval()
    {
        var solver = new AllenCahnEtdrk4();
        var u = solver.Solve(AllenCahnEtdrk4.BenchmarkInitial, 1, 101, 10);
        double largest = 0;
        foreach (double v in u) largest = Math.Max(largest, Math.Abs(v));
        Assert.InRange(largest, 0.99, 1 + 1e-6);
        // The initial row is the initial condition on the grid.
        for (int j = 0; j < solver.Positions.Length; j++) Assert.Equal(AllenCahnEtdrk4.BenchmarkInitial(solver.Positions[j]), u[0, j], 1e-13);
    }

    [Fact]
    public void ReferenceStep_AgreesWithHalfTheStep()
    {
        // The experiment's reference (512 points, h = 10⁻³) against h = 5·10⁻⁴ on the whole grid at t = 1.
        var solver = new AllenCahnEtdrk4();
        var coarse = solver.Solve(AllenCahnEtdrk4.BenchmarkInitial, 1, 2, 1000);
        var fine = solver.Solve(AllenCahnEtdrk4.BenchmarkInitial, 1, 2, 2000);
        double worst = Enumerable.Range(0, 512).Max(j => Math.Abs(coarse[1, j] - fine[1, j]));
        Assert.InRange(worst, 0, 1e-6);
    }
}

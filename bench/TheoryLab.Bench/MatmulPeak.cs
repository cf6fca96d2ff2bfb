using System.Diagnostics;
using static TorchSharp.torch;

namespace TheoryLab.Bench;

/// <summary>
/// The machine's measured matrix-multiply rate, the floor a step's FLOPs are set against: the best of several timed
/// n × n products in libtorch at the threads in use, since a kernel's peak is its fastest run and a shared machine
/// only ever slows it.
/// </summary>
public static class MatmulPeak
{
    /// <summary>Floating-point operations per second (2n³ per product) of the fastest of <paramref name="repeats"/> products.</summary>
    public static double FlopsPerSecond(ScalarType dtype, int n = 1024, int repeats = 20)
    {
        using var scope = NewDisposeScope();
        var a = rand(n, n, dtype: dtype);
        var b = rand(n, n, dtype: dtype);
        a.matmul(b);
        double best = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / best;
    }
}

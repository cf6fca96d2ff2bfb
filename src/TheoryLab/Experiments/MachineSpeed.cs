using System.Diagnostics;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Experiments;

/// <summary>
/// How much slower this machine runs than the one <see cref="CostCalibration"/>'s constants were measured on: a fixed
/// probe (a small layer's forward and backward pass) timed here against its time there. Measured once per process, on
/// the first estimate (a few hundredths of a second). The fastest pass counts, not the median: the machine's speed, which
/// a burst of other work on it does not move, so that an estimate says how long the run takes on this machine when it
/// has the cores to itself. One number cannot follow every kind of work: a machine with more cores than the reference's
/// two runs the large products faster than the probe says, so there the estimates err long.
/// </summary>
public static class MachineSpeed
{
    /// <summary>The probe's time on the 2-core AMD EPYC (Zen 3, AVX2) the constants were last checked on (at nice −20 beside other work, 2026-12-07: 0.078–0.080 ms in eight processes).</summary>
    public const double ReferenceProbeSeconds = 0.079e-3;

    // The fastest of three probes: one can land wholly in a moment when the process is held off the cores.
    private static readonly Lazy<double> Measured = new(() => Enumerable.Range(0, 3).Min(_ => ProbeSeconds()) / ReferenceProbeSeconds);

    /// <summary>This machine's time over the reference machine's for the same work: 2 means estimates double.</summary>
    public static double Slowdown => Measured.Value;

    /// <summary>
    /// The fastest of 41 timed passes (after 10 untimed) of y = relu(x W) and its sum's gradient, on a 32 × 64 batch and
    /// one thread: the per-operation cost that dominates the course's small networks. On one thread no pass waits for a
    /// worker that a busy machine has descheduled: with libtorch's two, whole probes ran 300 times slower at load 14–23
    /// (a 64 × 128 batch), and at nice 19 beside the parallel tests even at 32 × 64: vae's and transfer's estimates read
    /// 27 and 22 h there, 5 and 3 min at nice 0.
    /// </summary>
    public static double ProbeSeconds()
    {
        TorchRuntime.EnsureLoaded();
        using var oneThread = IntraOpThreads.Use(1);
        using var scope = NewDisposeScope();
        using var generator = new Generator(0);
        var x = randn([32, 64], generator: generator);
        var w = randn([64, 64], generator: generator).requires_grad_();
        var seconds = new double[41];
        for (int pass = -10; pass < seconds.Length; pass++)
        {
            var clock = Stopwatch.StartNew();
            using (var step = NewDisposeScope())
            {
                nn.functional.relu(x.matmul(w)).sum().backward();
                w.grad!.zero_();
            }
            if (pass >= 0) seconds[pass] = clock.Elapsed.TotalSeconds;
        }
        return seconds.Min();
    }
}

using System.Diagnostics;
using System.Globalization;
using TheoryLab.Experiments.Expressivity;
using TheoryLab.Experiments.Optimization;
using TheoryLab.Experiments.SignalPropagation;

namespace TheoryLab.Bench;

/// <summary>
/// The explorer's other live figures (theorylab serve), each timed as its endpoint computes it: the Jacobian spectrum
/// (free-probability moments at every measured depth for both kinds of weights, and a 200-point density at the deepest),
/// Yarotsky's f_m for m = 1..M (linear pieces enumerated exactly, sup error on each) and the momentum rates along κ.
/// Interactive means within about 50–100 ms; the first call (JIT, tables) is timed apart from the repeats.
/// </summary>
public sealed class LiveTheoryWorkload : IWorkload
{
    public string Name => "live-theory";
    public string Description => "time the explorer's Jacobian-spectrum, Yarotsky and momentum figures; args: [repeats=20]";

    public int Run(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        Console.WriteLine($"live theory figures ({Timing.Machine()}):");
        foreach (var (activation, weights, depth) in new[] { ("tanh", "orthogonal", 128), ("tanh", "orthogonal", 1024), ("relu", "gaussian", 128), ("linear", "gaussian", 1024) })
        {
            var o = new DynamicalIsometryOptions { Activation = activation, Weights = weights, Depth = depth };
            Time($"jacobian spectrum, {activation} {weights}, depth {depth} (edge of chaos, σ_b² = 10⁻⁵)", repeats,
                () => DynamicalIsometry.Theory(o).SingularValueDensity(200));
        }
        foreach (int m in new[] { 10, 12 })
            Time($"yarotsky square, m = 1..{m}", repeats, () => { for (int k = 1; k <= m; k++) YarotskySquare.ExactSquare(k); });
        Time("momentum rates, 200 κ from 1.5 to 10⁴, three methods", repeats, () =>
        {
            foreach (var method in MomentumConditioning.Methods)
                for (int i = 0; i < 200; i++) method.Iterations(1.5 * Math.Pow(1e4 / 1.5, i / 199.0), 1e-6);
        });
        return 0;
    }

    private static void Time(string what, int repeats, Action work)
    {
        var first = Stopwatch.StartNew();
        work();
        double firstSeconds = first.Elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var seconds = Timing.Repeat(work, repeats);
        // Processor time does not grow with other processes' load as wall time does on a shared machine (its warm-up call included).
        double cpuPerCall = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / (repeats + 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: first call {firstSeconds * 1e3:F1} ms, then median {Timing.Median(seconds) * 1e3:F2} ms (min {seconds.Min() * 1e3:F2}, max {seconds.Max() * 1e3:F2}, {seconds.Count} runs), {cpuPerCall * 1e3:F2} ms of processor time per call"));
    }
}

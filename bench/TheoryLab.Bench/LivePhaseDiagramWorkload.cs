using System.Diagnostics;
using System.Globalization;
using TheoryLab.Models.MeanField;

namespace TheoryLab.Bench;

/// <summary>
/// The explorer's live phase diagram (theorylab serve): a 200 × 200 grid of χ₁ plus the critical line from the
/// tabulated moments, which must answer in under 50 ms for the sliders to feel immediate. The first call, which
/// builds the activation's tables, is timed apart from the repeats.
/// </summary>
public sealed class LivePhaseDiagramWorkload : IWorkload
{
    public string Name => "live-phase-diagram";
    public string Description => "time the explorer's phase diagram; args: [activation=tanh] [grid=200] [repeats=20] [σ_w² max=5] [σ_b² max=2]";

    public int Run(string[] args)
    {
        string name = args.Length > 0 ? args[0] : "tanh";
        int grid = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        int repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        double w2Max = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 5;
        double b2Max = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 2;
        var activation = Activations.ByName(name);
        var sigmaW2 = PhaseDiagram.PositiveGrid(w2Max, grid);
        var sigmaB2 = PhaseDiagram.Grid(b2Max, grid);
        var first = Stopwatch.StartNew();
        LivePhaseDiagram.Compute(activation, sigmaW2, sigmaB2);
        double firstSeconds = first.Elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var seconds = Timing.Repeat(() => LivePhaseDiagram.Compute(activation, sigmaW2, sigmaB2), repeats);
        // Processor time does not grow with other processes' load as wall time does on a shared machine (its warm-up call included).
        double cpuPerCall = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / (repeats + 1);
        Console.WriteLine($"live phase diagram, {name}, {grid} × {grid} cells + critical line at {2 * grid} σ_b² values ({Timing.Machine()}):");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first call, building the tables: {firstSeconds * 1e3:F1} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  then median {Timing.Median(seconds) * 1e3:F1} ms (min {seconds.Min() * 1e3:F1}, max {seconds.Max() * 1e3:F1}, {seconds.Count} runs), {cpuPerCall * 1e3:F1} ms of processor time per call"));
        return 0;
    }
}

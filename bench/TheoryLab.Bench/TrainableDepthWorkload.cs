using System.Diagnostics;
using TheoryLab.Experiments.SignalPropagation;
using TheoryLab.Kernel;

namespace TheoryLab.Bench;

/// <summary>
/// One whole trainable-depth run (quick or default options), without a run directory: its wall time beside the cost
/// estimate, and the process's CPU time, which a loaded machine inflates less than wall time.
/// </summary>
public sealed class TrainableDepthWorkload : IWorkload
{
    public string Name => "trainable-depth";
    public string Description => "time one trainable-depth run (wall and CPU); args: [quick|default]";

    public int Run(string[] args)
    {
        var experiment = new TrainableDepth();
        bool quick = args.Length == 0 || args[0] == "quick";
        var options = quick ? experiment.Quick : experiment.Defaults;
        var estimate = experiment.EstimateCost(options);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = experiment.Run(options, new RunContext { Seed = 0 });
        double wall = clock.Elapsed.TotalSeconds, cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"trainable-depth, {(quick ? "quick" : "default")} options ({Timing.Machine()}): estimate {estimate}");
        Console.WriteLine($"  wall {wall:F1} s, CPU {cpuSeconds:F1} s");
        foreach (var f in result.Findings) Console.WriteLine($"  {f.Name,-26} {f.Value,12:G5}{(f.Expected is { } e ? $"   expected {e,8:G4}" : "")}");
        return 0;
    }
}

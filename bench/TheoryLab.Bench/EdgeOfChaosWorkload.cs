using TheoryLab.Experiments.SignalPropagation;
using TheoryLab.Kernel;

namespace TheoryLab.Bench;

/// <summary>The whole edge-of-chaos experiment (theory, Monte Carlo, sweeps, phase diagram), without writing a run directory.</summary>
public sealed class EdgeOfChaosWorkload : IWorkload
{
    public string Name => "edge-of-chaos";
    public string Description => "time the whole edge-of-chaos experiment; args: [quick|default] [repeats=1]";

    public int Run(string[] args)
    {
        var experiment = new EdgeOfChaos();
        bool quick = args.Length > 0 && args[0] == "quick";
        int repeats = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var options = quick ? experiment.Quick : experiment.Defaults;
        ExperimentResult? result = null;
        var seconds = Timing.Repeat(() => result = experiment.Run(options, new RunContext { Seed = 0 }), repeats);
        Console.WriteLine($"edge-of-chaos, {(quick ? "quick" : "default")} options ({Timing.Machine()}); estimate {experiment.EstimateCost(options)}:");
        Console.WriteLine($"  {Timing.Summary(seconds)}");
        foreach (var f in result!.Findings) Console.WriteLine($"  {f.Name,-18} {f.Value,12:G6}   expected {f.Expected,12:G6}");
        return 0;
    }
}

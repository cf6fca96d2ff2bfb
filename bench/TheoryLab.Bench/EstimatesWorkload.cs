using System.Diagnostics;
using System.Globalization;
using TheoryLab.Data;
using TheoryLab.Experiments;
using TheoryLab.Kernel;

namespace TheoryLab.Bench;

/// <summary>
/// Every experiment's cost estimate beside the time its run takes: the quick options, and the defaults of those whose
/// estimate is under a limit. The ratio measured / estimated is what a user's "about N min" is worth; CPU time is
/// printed too because a loaded machine inflates it less than wall time.
/// </summary>
public sealed class EstimatesWorkload : IWorkload
{
    public string Name => "estimates";
    public string Description =>
        "estimate against measured time for every experiment; args: [quick|default|both] [--max-estimate SECONDS] [--data-dir DIR] [ids…]";

    public int Run(string[] args)
    {
        string profile = "quick";
        double maxEstimate = 600;
        string? dataDirectory = null;
        var ids = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "quick" or "default" or "both": profile = args[i]; break;
                case "--max-estimate" when i + 1 < args.Length: maxEstimate = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--data-dir" when i + 1 < args.Length: dataDirectory = args[++i]; break;
                default: ids.Add(args[i]); break;
            }
        }
        var registry = ExperimentRegistry.Default;
        var experiments = ids.Count == 0 ? registry.All : ids.Select(registry.Get).ToList();
        var data = DataStore.FromOption(dataDirectory);

        Console.WriteLine($"estimates ({Timing.Machine()})");
        Console.WriteLine($"machine speed probe: {MachineSpeed.Slowdown * MachineSpeed.ReferenceProbeSeconds * 1e3:F3} ms here, {MachineSpeed.ReferenceProbeSeconds * 1e3:F3} ms on the reference machine: estimates scaled by {MachineSpeed.Slowdown:F2}");
        Console.WriteLine($"{"experiment",-24} {"options",-8} {"estimate s",10} {"wall s",9} {"CPU s",9} {"wall/est",9}");
        foreach (var experiment in experiments)
        {
            foreach (bool quick in profile switch { "quick" => [true], "default" => [false], _ => new[] { true, false } })
            {
                var options = quick ? experiment.QuickOptions : experiment.DefaultOptions;
                experiment.PrepareData(options, data);
                var estimate = experiment.EstimateCost(options).Estimated.TotalSeconds;
                string label = quick ? "quick" : "default";
                if (estimate > maxEstimate)
                {
                    Console.WriteLine($"{experiment.Id,-24} {label,-8} {estimate,10:F1}   skipped: estimate above --max-estimate {maxEstimate:F0} s");
                    continue;
                }
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                experiment.Run(options, new RunContext { Seed = 0, Data = data });
                double wall = clock.Elapsed.TotalSeconds;
                double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine($"{experiment.Id,-24} {label,-8} {estimate,10:F1} {wall,9:F1} {cpuSeconds,9:F1} {wall / estimate,9:F2}");
            }
        }
        return 0;
    }
}

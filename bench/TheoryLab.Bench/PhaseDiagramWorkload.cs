using System.Globalization;
using TheoryLab.Experiments.SignalPropagation;
using TheoryLab.Models.MeanField;

namespace TheoryLab.Bench;

/// <summary>
/// The order-to-chaos phase diagram of the edge-of-chaos experiment at its default size: χ₁ on a grid over
/// (σ_w², σ_b²) plus the critical line, as the experiment computes it.
/// </summary>
public sealed class PhaseDiagramWorkload : IWorkload
{
    public string Name => "phase-diagram";
    public string Description => "time the default edge-of-chaos phase diagram; args: [activation=tanh] [grid=121] [repeats=5]";

    public int Run(string[] args)
    {
        var defaults = new EdgeOfChaosOptions();
        string name = args.Length > 0 ? args[0] : defaults.Activation;
        int grid = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : defaults.PhaseGrid;
        int repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var activation = Activations.ByName(name);
        var sigmaW2 = PhaseDiagram.PositiveGrid(defaults.SigmaW2Max, grid);
        var sigmaB2 = PhaseDiagram.Grid(defaults.SigmaB2Max, grid);
        PhaseDiagram? last = null;
        var seconds = Timing.Repeat(() => last = PhaseDiagram.Compute(activation, sigmaW2, sigmaB2), repeats);
        Console.WriteLine($"phase diagram, {name}, {grid} × {grid} cells + critical line at {2 * grid} σ_b² values ({Timing.Machine()}):");
        Console.WriteLine($"  {Timing.Summary(seconds)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  critical σ_w² at σ_b² = 0: {last!.CriticalSigmaW2[0]:R}"));
        return 0;
    }
}

using System.Diagnostics;
using static TorchSharp.torch;

namespace TheoryLab.Torch.SelfCheck;

/// <summary>Runs kernel probes against their references.</summary>
public static class KernelSelfCheck
{
    /// <summary>
    /// Every output of every probe, compared on the current kernel path. Draws come from a generator of its
    /// own, so torch's global generator (and so any run's random draws) is left as it was.
    /// </summary>
    public static IReadOnlyList<KernelVerdict> Run(IEnumerable<KernelProbe> probes)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(20_161_204);
        var verdicts = new List<KernelVerdict>();
        foreach (var probe in probes)
            foreach (var comparison in probe.Compare(generator))
                verdicts.Add(new KernelVerdict(probe.Kernel, comparison.Output, comparison.RelativeError(), probe.Tolerance));
        return verdicts;
    }

    /// <summary>Runs the probes and times them.</summary>
    internal static (IReadOnlyList<KernelVerdict> Verdicts, double Milliseconds) Timed(IEnumerable<KernelProbe> probes)
    {
        var clock = Stopwatch.StartNew();
        var verdicts = Run(probes);
        return (verdicts, clock.Elapsed.TotalMilliseconds);
    }
}

using System.Diagnostics;
using static TorchSharp.torch;

namespace TheoryLab.Torch;

/// <summary>The wall time of networks' forward passes on this machine: what the pruning lecture reports beside FLOPs.</summary>
public static class ForwardTiming
{
    /// <summary>
    /// The median wall time of a forward pass of <paramref name="inputs"/> through each network, after one untimed pass
    /// each that warms the caches; the networks take turns pass by pass, so a burst of load elsewhere slows them alike.
    /// Networks are left in training mode.
    /// </summary>
    public static double[] MedianSeconds(IReadOnlyList<nn.Module<Tensor, Tensor>> networks, Tensor inputs, int passes, CancellationToken cancellation = default)
    {
        if (passes < 1) throw new TheoryLabException("time at least one forward pass.");
        using var noGrad = no_grad();
        foreach (var network in networks) network.eval();
        var times = networks.Select(_ => new double[passes]).ToArray();
        for (int pass = -1; pass < passes; pass++)
        {
            cancellation.ThrowIfCancellationRequested();
            // Each pass starts one network later, so no network always follows the same neighbour in the cache.
            for (int turn = 0; turn < networks.Count; turn++)
            {
                int k = (turn + Math.Max(pass, 0)) % networks.Count;
                var clock = Stopwatch.StartNew();
                using (networks[k].call(inputs)) { }
                if (pass >= 0) times[k][pass] = clock.Elapsed.TotalSeconds;
            }
        }
        foreach (var network in networks) network.train();
        return [.. times.Select(t => t.Order().ElementAt(passes / 2))];
    }
}

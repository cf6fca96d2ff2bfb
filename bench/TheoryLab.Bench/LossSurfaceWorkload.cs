using System.Diagnostics;
using System.Globalization;
using TheoryLab.Analysis.Landscape;
using TheoryLab.Data;
using TheoryLab.Models.ResNets;
using TheoryLab.Torch;
using TheoryLab.Training;
using static TorchSharp.torch;

namespace TheoryLab.Bench;

/// <summary>
/// The loss-surface target of issue 6: a 51×51 filter-normalised surface of a small ResNet on 2,000 MNIST-1D examples
/// in under two minutes on a 2-core machine. Times <see cref="SurfaceScan"/> on a freshly initialised network (the cost
/// does not depend on training) with batch-norm statistics recomputed at every point, and reports wall and CPU time.
/// Arguments: [depth] [width] [resolution] [examples] [threads] [statistics examples].
/// </summary>
public sealed class LossSurfaceWorkload : IWorkload
{
    public string Name => "loss-surface";

    public string Description => "51×51 loss surface of a small ResNet on 2,000 MNIST-1D examples (target < 120 s); args: [depth] [width] [resolution] [examples] [threads] [statistics examples]";

    public int Run(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        int depth = Arg(0, 8), width = Arg(1, 8), resolution = Arg(2, 51), examples = Arg(3, 2000), threads = Arg(4, 2), statistics = Arg(5, 500);
        TorchRuntime.EnsureLoaded();
        using var weights = new Generator(1);
        using var intraOp = IntraOpThreads.Use(threads);
        var spec = ResNet.Cifar([40], depth, width);
        using var model = spec.Build(weights);
        using var scope = NewDisposeScope();
        var (inputs, labels) = Datasets.Load("mnist1d", DataStore.Default, 0).Train.ToTensors();
        var evaluation = new TensorBatches(inputs.narrow(0, 0, examples), labels.narrow(0, 0, examples), examples, shuffle: false);
        var statisticsData = new TensorBatches(inputs.narrow(0, 0, statistics), labels.narrow(0, 0, statistics), statistics, shuffle: false);
        var probe = LandscapeProbe.ForClassifier(model, evaluation, statisticsData);
        var origin = probe.Weights.Flatten();
        var scan = new SurfaceScan(probe, origin, FilterNormalizedDirections.Draw(probe.Weights, 1), FilterNormalizedDirections.Draw(probe.Weights, 2), SurfaceGrid.Square(1, resolution));
        Console.WriteLine($"{spec.Name}, width {width} ({spec.Parameters:N0} parameters), {resolution}×{resolution} grid, {examples:N0} examples evaluated, " +
            $"batch norm recomputed on {statistics:N0}; libtorch threads {threads}, {Environment.ProcessorCount} cores, load {Load()}");
        Console.WriteLine($"estimate before the scan: {scan.EstimateCost()}");

        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = scan.Run();
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"surface: {wall:F1} s wall ({1000 * wall / result.Points.Count:F1} ms a point), {cpuSeconds:F1} s CPU (target < 120 s wall); loss at the centre {result.Points[result.Points.Count / 2].Loss:F4}; load {Load()}"));
        return 0;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
